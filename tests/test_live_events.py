"""Live events over the real Redis: published only after commit, with the state read then,
ids increasing per session, a capped log for reconnecting clients, and the sale path."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from livestream import events
from livestream.claims import buyer_key_for, claim_offer_units, release_claim
from tests.helpers.live_events import isolate_prefix, listening, live_offer, logged, received

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _prefix(settings: Any) -> str:
    return isolate_prefix(settings)


@pytest.mark.django_db
def test_it_publishes_a_sale_after_commit_with_the_units_left(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a live offer of 20 units and a listener on its session's channel
    offer = live_offer(cap=20)
    with listening(offer.livestream_id) as pubsub:
        # when a checkout claims 2 units, and nothing is published before the commit
        with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
            claim_offer_units(offer.pk, buyer_key_for(user_id=1), 2)
        assert received(pubsub, wait=0.2) == []
        for callback in callbacks:
            callback()
        # then one offer.sold event carries the fresh state: 18 left, 2 sold
        (event,) = received(pubsub)
    assert event["id"] == 1
    assert event["kind"] == "offer.sold"
    (row,) = event["state"]["offers"]
    assert (row["id"], row["units_left"], row["units_sold"]) == (offer.pk, 18, 2)
    assert event["state"]["units_sold"] == 2
    assert (event["state"]["viewers"], event["state"]["peak_viewers"]) == (0, 0)
    assert logged(offer.livestream_id) == [event]


@pytest.mark.django_db
def test_it_sends_nothing_for_a_refused_or_rolled_back_sale(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a live offer with one unit per buyer, a buyer who already holds it
    offer = live_offer(cap=20, per_buyer=1)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        claim_offer_units(offer.pk, buyer_key_for(user_id=1), 1)
    with listening(offer.livestream_id) as pubsub:
        # when the buyer's second claim is refused and another checkout rolls back
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(Exception, match="LIVE_OFFER_BUYER_LIMIT"), transaction.atomic():
                claim_offer_units(offer.pk, buyer_key_for(user_id=1), 1)
            with pytest.raises(RuntimeError), transaction.atomic():
                claim_offer_units(offer.pk, buyer_key_for(user_id=2), 1)
                raise RuntimeError("payment failed")
        # then no callback was kept and nothing was published
        assert callbacks == []
        assert received(pubsub, wait=0.3) == []
    assert [e["id"] for e in logged(offer.livestream_id)] == [1]


@transactional
@pytest.mark.usefixtures("empty_database")
def test_it_publishes_on_a_real_commit_and_never_on_a_real_rollback(
    transactional_db: Any,
) -> None:
    # given a live offer whose rows are committed, and a listener
    offer = live_offer(cap=5)
    with listening(offer.livestream_id) as pubsub:
        # when one checkout transaction rolls back, then another commits
        with pytest.raises(RuntimeError), transaction.atomic():
            claim_offer_units(offer.pk, buyer_key_for(user_id=1), 1)
            raise RuntimeError("the order could not be written")
        with transaction.atomic():
            claim = claim_offer_units(offer.pk, buyer_key_for(user_id=2), 2)
        # and the committed claim is later released (order canceled)
        with transaction.atomic():
            release_claim(claim.pk)
        got = received(pubsub)
    # then only the committed sale and its release were published, with the counts then
    assert [(e["id"], e["kind"]) for e in got] == [(1, "offer.sold"), (2, "offer.sold")]
    assert [e["state"]["offers"][0]["units_left"] for e in got] == [3, 5]


@pytest.mark.django_db
def test_it_numbers_events_per_session_and_keeps_only_the_last_ones(
    django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given two sessions and a log capped at 3 events
    monkeypatch.setattr(events, "LOG_SIZE", 3)
    first, second = live_offer(), live_offer()
    # when five comments go to the first session and one to the second
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            events.announce(first.livestream_id, "comment.posted", {"n": n})
        events.announce(second.livestream_id, "comment.posted", {"n": 0})
    # then each session counts its own ids and the first keeps its last three events
    assert [(e["id"], e["data"]) for e in logged(first.livestream_id)] == [
        (3, {"n": 2}),
        (4, {"n": 3}),
        (5, {"n": 4}),
    ]
    assert [e["id"] for e in logged(second.livestream_id)] == [1]


@pytest.mark.django_db
def test_it_keeps_the_change_when_redis_does_not_answer(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    # given Redis unreachable for events
    offer = live_offer(cap=20)
    events.client.cache_clear()
    settings.LIVE_EVENTS_REDIS_URL = "redis://127.0.0.1:1/0"
    try:
        # when a sale commits
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            claim_offer_units(offer.pk, buyer_key_for(user_id=1), 1)
        # then the sale stands (viewers catch up from the snapshot later)
        assert events.publish(offer.livestream_id, "comment.posted", {}) is None
    finally:
        events.client.cache_clear()
    offer.refresh_from_db()
    assert offer.units_claimed == 1
