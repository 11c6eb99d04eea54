"""The event stream on the real ASGI server (uvicorn, `marketplace.asgi`) over the real Redis:
a fresh snapshot first, live events as they commit, missed comments after Last-Event-ID,
viewer counts and the peak, and the polling fallback."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.db import transaction

from livestream import events
from livestream.claims import buyer_key_for, claim_offer_units
from livestream.models import Livestream
from tests.helpers.live_events import SseReader, asgi_server, isolate_prefix, live_offer

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sell(offer_id: int, buyer: int, quantity: int = 1) -> None:
    with transaction.atomic():
        claim_offer_units(offer_id, buyer_key_for(user_id=buyer), quantity)


@transactional
@pytest.mark.usefixtures("empty_database")
def test_it_streams_snapshot_then_sales_then_missed_comments_on_reconnect(
    transactional_db: Any, settings: Any
) -> None:
    # given a live offer of 10 units, and the ASGI server
    prefix = isolate_prefix(settings)
    offer = live_offer(cap=10, per_buyer=3)
    session = Livestream.objects.get(pk=offer.livestream_id)
    with asgi_server(prefix) as base:
        url = f"{base}/live/{session.slug}/su-kien/"
        # when two viewers connect
        first, second = SseReader(url), SseReader(url)
        try:
            # then each gets the state first: 10 left, and the viewers counted
            hello = first.next()
            assert (hello["kind"], hello["id"], first.last_id) == ("snapshot", 0, 0)
            assert hello["state"]["offers"][0]["units_left"] == 10
            assert second.next()["state"]["viewers"] == 2
            # when a buyer buys 2 units: both see 8 left, within a second
            started = time.monotonic()
            sell(offer.pk, buyer=1, quantity=2)
            for viewer in (first, second):
                event = viewer.next()
                assert (event["id"], event["kind"]) == (1, "offer.sold")
                assert event["state"]["offers"][0]["units_left"] == 8
                assert viewer.last_id == 1
            assert time.monotonic() - started < 1.0
            # when the second viewer drops, a comment is posted and 3 more units sell
            second.close()
            with transaction.atomic():
                events.announce(session.pk, "comment.posted", {"body": "Ngon quá"})
            sell(offer.pk, buyer=2, quantity=3)
            assert [first.next()["id"], first.next()["id"]] == [2, 3]
            # and it reconnects with the last id it saw
            again = SseReader(url, last_event_id=1)
            try:
                # then it gets the current state (5 left) and the missed comment, not the
                # missed sale's older state
                snapshot, missed = again.next(), again.next()
                assert (snapshot["kind"], snapshot["id"], again.last_id) == ("snapshot", 3, 3)
                assert snapshot["state"]["offers"][0]["units_left"] == 5
                assert (missed["id"], missed["kind"], missed["data"]) == (
                    2,
                    "comment.posted",
                    {"body": "Ngon quá"},
                )
                assert again.last_id == 3  # replayed events carry no id line
                # (2 viewers, or 3 if the server has not yet seen the dropped one leave)
                peak = max(2, snapshot["state"]["viewers"])
            finally:
                again.close()
            # and the polling fallback answers the same state as JSON
            with urllib.request.urlopen(f"{base}/live/{session.slug}/trang-thai/") as answer:
                polled = json.loads(answer.read())
            assert (polled["id"], polled["kind"]) == (3, "snapshot")
            assert polled["state"]["offers"][0]["units_left"] == 5
        finally:
            first.close()
        # then the peak is kept on the session once viewers leave
        deadline = time.monotonic() + 5
        while Livestream.objects.get(pk=session.pk).peak_viewers != peak:
            assert time.monotonic() < deadline
            time.sleep(0.1)


@transactional
@pytest.mark.usefixtures("empty_database")
def test_it_streams_no_session_that_is_not_public(transactional_db: Any, settings: Any) -> None:
    # given a draft session and the ASGI server
    prefix = isolate_prefix(settings)
    offer = live_offer()
    Livestream.objects.filter(pk=offer.livestream_id).update(status="draft")
    slug = Livestream.objects.get(pk=offer.livestream_id).slug
    with asgi_server(prefix) as base:
        # when its stream, its state and an unknown slug are asked for
        for path in (f"/live/{slug}/su-kien/", f"/live/{slug}/trang-thai/", "/live/x/su-kien/"):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(f"{base}{path}", timeout=5)
            # then each answers 404
            assert error.value.code == 404
        # and the rest of the site is served by Django on the same server
        with urllib.request.urlopen(f"{base}/healthz", timeout=10) as health:
            assert health.status in (200, 503)
        with urllib.request.urlopen(f"{base}/live/", timeout=10) as page:
            assert page.status == 200
