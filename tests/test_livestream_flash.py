"""Flash deals: launched by the session's host only, inside their bounds, open and closed
by their times (times passed in, no sleeping), sold against their own cap and per-buyer
limit at the flash price, with no oversell under concurrent buyers."""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.utils import timezone

from core.errors import ValidationErrors
from livestream import flash
from livestream.claims import (
    LIVE_OFFER_BUYER_LIMIT,
    LIVE_OFFER_FLASH_CLOSED,
    LIVE_OFFER_SOLD_OUT,
    LiveOfferError,
    claim_offer_units,
    release_claim,
)
from livestream.flash import announce_due, do_launch_flash
from livestream.live_state import snapshot
from livestream.models import FlashDeal, FlashDealBuyer, LiveOffer, LiveOfferClaim
from livestream.pricing import live_offers_for, live_units_allowed, price_for
from livestream.tasks import announce_flash_deals
from marketplace.celery import app
from tests import factories

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)
slate = pytest.mark.usefixtures("empty_database")


def live_offer(stock: int = 500) -> LiveOffer:
    """A live session's offer at 99.000 ₫ (regular 120.000 ₫), 20 units, 2 per buyer."""
    seller = factories.seller(owner=factories.user())
    product = factories.product(owner=seller, price=120_000, stock=stock)
    session = factories.livestream(
        sellers=(seller,),
        status="live",
        starts_in=-datetime.timedelta(minutes=10),
        duration=datetime.timedelta(hours=1),
    )
    return factories.live_offer(session, product, live_price=99_000, cap=20, per_buyer=2)


def launch(offer: LiveOffer, actor: Any = None, **changes: Any) -> FlashDeal:
    values: dict[str, Any] = {
        "flash_price": 79_000,
        "quantity_cap": 5,
        "per_buyer_limit": 1,
        "countdown_seconds": 30,
        "duration_minutes": 2,
    }
    values.update(changes)
    return do_launch_flash(actor or offer.livestream.host, offer.pk, **values)


def refused(call: Any) -> list[tuple[str | None, str]]:
    with pytest.raises(ValidationErrors) as caught:
        call()
    return [(error.field, error.code) for error in caught.value.errors]


def claim(offer: LiveOffer, buyer: str, at: datetime.datetime, quantity: int = 1) -> Any:
    with transaction.atomic():
        return claim_offer_units(offer.pk, buyer, quantity, at=at)


def test_it_opens_and_closes_the_flash_price_at_its_times(db: Any) -> None:
    # given a live offer at 99.000 ₫
    offer = live_offer()
    now = timezone.now()
    # when the host launches a flash deal at 79.000 ₫ opening in 30 s for 2 minutes
    deal = launch(offer)
    # then it opens 30 s after the launch and closes 2 minutes later
    assert deal.opens_at - deal.created_at == datetime.timedelta(seconds=30)
    assert deal.closes_at - deal.opens_at == datetime.timedelta(minutes=2)
    assert deal.created_at >= now
    # and checkout charges the live price before, the flash price during, the live after
    channel = factories.channel()
    assert price_for(offer.variant_id, channel, deal.opens_at - datetime.timedelta(seconds=1)) == (
        99_000
    )
    assert price_for(offer.variant_id, channel, deal.opens_at) == 79_000
    assert price_for(offer.variant_id, channel, deal.closes_at - datetime.timedelta(seconds=1)) == (
        79_000
    )
    assert price_for(offer.variant_id, channel, deal.closes_at) == 99_000


def test_it_states_the_flash_deal_in_the_live_state_from_the_times(
    db: Any, django_assert_num_queries: Any
) -> None:
    # given a flash deal launched on a live offer
    offer = live_offer()
    deal = launch(offer)
    # when the state is read before, during and after its window
    with django_assert_num_queries(3):
        before = snapshot(offer.livestream_id, now=deal.opens_at - datetime.timedelta(seconds=5))
    during = snapshot(offer.livestream_id, now=deal.opens_at)
    after = snapshot(offer.livestream_id, now=deal.closes_at)
    # then its state follows the clock, with its countdowns and price
    row = before["offers"][0]
    assert row["flash"] == {
        "id": deal.pk,
        "state": "scheduled",
        "price": 79_000,
        "price_display": "79.000 ₫",
        "quantity_cap": 5,
        "per_buyer_limit": 1,
        "units_sold": 0,
        "units_left": 5,
        "opens_at": deal.opens_at.isoformat(),
        "closes_at": deal.closes_at.isoformat(),
        "seconds_to_open": 5,
        "seconds_to_close": 125,
    }
    assert row["price_now"] == 99_000
    assert before["flash_open_offer_id"] is None
    assert during["offers"][0]["flash"]["state"] == "open"
    assert during["offers"][0]["price_now_display"] == "79.000 ₫"
    assert during["flash_open_offer_id"] == offer.pk
    assert after["offers"][0]["flash"]["state"] == "closed"
    assert after["offers"][0]["price_now"] == 99_000


def test_it_refuses_a_window_out_of_range_and_writes_nothing(db: Any) -> None:
    # given a live offer
    offer = live_offer()
    # when the countdown and the duration are out of range, or not numbers
    # then both fields are refused together, with their codes
    assert refused(lambda: launch(offer, countdown_seconds=9, duration_minutes=21)) == [
        ("countdown_seconds", "FLASH_COUNTDOWN_OUT_OF_RANGE"),
        ("duration_minutes", "FLASH_DURATION_OUT_OF_RANGE"),
    ]
    assert refused(lambda: launch(offer, countdown_seconds=301, duration_minutes=0)) == [
        ("countdown_seconds", "FLASH_COUNTDOWN_OUT_OF_RANGE"),
        ("duration_minutes", "FLASH_DURATION_OUT_OF_RANGE"),
    ]
    assert refused(lambda: launch(offer, countdown_seconds="soon", duration_minutes="")) == [
        ("countdown_seconds", "FLASH_COUNTDOWN_OUT_OF_RANGE"),
        ("duration_minutes", "FLASH_DURATION_OUT_OF_RANGE"),
    ]
    # and the bounds themselves are accepted
    assert launch(offer, countdown_seconds=10, duration_minutes=20).pk
    assert FlashDeal.objects.count() == 1


def test_it_refuses_a_flash_deal_past_the_session_end(db: Any) -> None:
    # given a live session ending in 5 minutes
    offer = live_offer()
    session = offer.livestream
    session.ends_at = timezone.now() + datetime.timedelta(minutes=5)
    session.save(update_fields=["ends_at"])
    # when a flash deal would close after it
    # then it is refused on its duration
    assert refused(lambda: launch(offer, duration_minutes=6)) == [
        ("duration_minutes", "FLASH_AFTER_SESSION_END")
    ]
    assert FlashDeal.objects.count() == 0


def test_it_refuses_a_bad_price_cap_or_limit(db: Any) -> None:
    # given a live offer at 99.000 ₫ (regular 120.000 ₫) with 8 units in stock
    offer = live_offer(stock=8)
    # when the flash price is not below the live price, or not below the regular price
    assert refused(lambda: launch(offer, flash_price=99_000)) == [
        ("flash_price", "FLASH_PRICE_NOT_BELOW_LIVE")
    ]
    assert refused(lambda: launch(offer, flash_price=120_000)) == [
        ("flash_price", "PRICE_NOT_BELOW_REGULAR")
    ]
    assert refused(lambda: launch(offer, flash_price=0)) == [("flash_price", "INVALID_QUANTITY")]
    # or the cap is above the stock, or the per-buyer limit above the cap
    assert refused(lambda: launch(offer, quantity_cap=9)) == [
        ("quantity_cap", "QUANTITY_EXCEEDS_STOCK")
    ]
    assert refused(lambda: launch(offer, quantity_cap=2, per_buyer_limit=3)) == [
        ("per_buyer_limit", "PER_BUYER_LIMIT_EXCEEDS_CAP")
    ]
    # then nothing was written
    assert FlashDeal.objects.count() == 0


def test_it_runs_one_flash_deal_at_a_time_and_only_while_live(db: Any) -> None:
    # given a flash deal launched and not yet closed
    offer = live_offer()
    deal = launch(offer)
    # when another is launched in the same session
    # then it is refused until the first one closes
    assert refused(lambda: launch(offer)) == [("offer", "FLASH_DEAL_RUNNING")]
    later = deal.closes_at
    assert do_launch_flash(
        offer.livestream.host,
        offer.pk,
        flash_price=79_000,
        quantity_cap=5,
        per_buyer_limit=1,
        countdown_seconds=10,
        duration_minutes=1,
        now=later,
    ).opens_at == later + datetime.timedelta(seconds=10)
    # and a session that is not live takes none
    scheduled = factories.livestream(sellers=(offer.seller,), status="scheduled")
    other = factories.live_offer(scheduled, offer.variant.product, live_price=99_000)
    assert refused(lambda: launch(other)) == [(None, "INVALID_STATUS")]


@pytest.mark.parametrize("who", ["anonymous", "customer", "seller", "other_host", "officer"])
def test_it_lets_only_the_sessions_host_launch_a_flash_deal(db: Any, who: str) -> None:
    # given a live offer and someone who does not run the session
    offer = live_offer()
    member = offer.seller.members.select_related("user").get()
    actor = {
        "anonymous": lambda: AnonymousUser(),
        "customer": lambda: factories.user(),
        "seller": lambda: member.user,
        "other_host": lambda: factories.host(),
        "officer": lambda: factories.officer("11"),
    }[who]()
    # when they launch a flash deal
    # then it is refused and nothing was written
    assert refused(lambda: launch(offer, actor=actor)) == [(None, "PERMISSION_DENIED")]
    assert FlashDeal.objects.count() == 0


def test_it_lets_a_superuser_launch_a_flash_deal(db: Any) -> None:
    # given a live offer and a superuser
    offer = live_offer()
    admin = factories.user(is_superuser=True, is_staff=True)
    # when the superuser launches a flash deal
    deal = launch(offer, actor=admin)
    # then it is recorded as theirs
    assert deal.created_by == admin


def test_it_claims_against_the_flash_cap_and_limit_at_the_flash_price(db: Any) -> None:
    # given an open flash deal of 5 units, 1 per buyer, at 79.000 ₫
    offer = live_offer()
    deal = launch(offer)
    during = deal.opens_at + datetime.timedelta(seconds=1)
    # when a buyer claims one unit, then tries another
    first = claim(offer, "user:1", during)
    with pytest.raises(LiveOfferError) as again:
        claim(offer, "user:1", during)
    # then the unit is charged the flash price, counted on the deal and not on the offer
    assert (first.unit_price, first.flash_deal_id) == (79_000, deal.pk)
    assert again.value.code == LIVE_OFFER_BUYER_LIMIT
    deal.refresh_from_db()
    offer.refresh_from_db()
    assert (deal.units_claimed, offer.units_claimed) == (1, 0)
    # and pricing tells the cart the flash deal's limits for this buyer and another
    offers = live_offers_for([offer.variant_id], offer.channel_id, during)
    assert offers[offer.variant_id].flash_deal == deal
    assert live_units_allowed(offers.values(), "user:1") == {offer.pk: 0}
    assert live_units_allowed(offers.values(), "user:2") == {offer.pk: 1}
    # and releasing the claim gives the unit back to the deal
    with transaction.atomic():
        assert release_claim(first.pk) is True
    deal.refresh_from_db()
    assert deal.units_claimed == 0
    assert FlashDealBuyer.objects.get(flash_deal=deal, buyer_key="user:1").units == 0


def test_it_refuses_a_flash_claim_once_the_deal_closed(db: Any) -> None:
    # given a flash deal, priced into a cart while open
    offer = live_offer()
    deal = launch(offer)
    # when checkout completes after it closed, with the line priced at the flash price
    with pytest.raises(LiveOfferError) as closed, transaction.atomic():
        claim_offer_units(offer.pk, "user:1", 1, at=deal.closes_at, flash_deal_id=deal.pk)
    # then it is refused (the buyer sees the new price), and the live price applies again
    assert closed.value.code == LIVE_OFFER_FLASH_CLOSED
    assert claim(offer, "user:1", deal.closes_at).unit_price == 99_000


def test_it_announces_each_opening_and_closing_once(db: Any, monkeypatch: Any) -> None:
    # given a flash deal and the announcements recorded
    told: list[tuple[int, str]] = []
    monkeypatch.setattr(flash, "announce_state", lambda pk, kind: told.append((pk, kind)))
    offer = live_offer()
    deal = launch(offer)
    session = offer.livestream_id
    # when the beat task runs before, at and after its opening, then after its closing
    assert announce_due(deal.opens_at - datetime.timedelta(seconds=1)) == {
        "flash.opened": [],
        "flash.closed": [],
    }
    assert announce_due(deal.opens_at)["flash.opened"] == [deal.pk]
    assert announce_due(deal.opens_at + datetime.timedelta(seconds=5))["flash.opened"] == []
    assert announce_due(deal.closes_at + datetime.timedelta(seconds=3))["flash.closed"] == [deal.pk]
    assert announce_due(deal.closes_at + datetime.timedelta(seconds=9))["flash.closed"] == []
    # then viewers were told of the launch, the opening and the closing, once each
    assert told == [
        (session, "flash.scheduled"),
        (session, "flash.opened"),
        (session, "flash.closed"),
    ]


def concurrent_claims(offer_id: int, count: int, at: datetime.datetime) -> list[str]:
    barrier = threading.Barrier(count)

    def run(i: int) -> str:
        try:
            barrier.wait(timeout=60)
            with transaction.atomic():
                claim_offer_units(offer_id, f"user:{i % 12}", 1, at=at)
            return "ok"
        except LiveOfferError as error:
            return error.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@transactional
@slate
def test_it_sells_exactly_the_flash_cap_to_concurrent_buyers(transactional_db: Any) -> None:
    # given an open flash deal of 5 units, 1 per buyer
    offer = live_offer()
    deal = launch(offer)
    # when 24 checkouts of 12 buyers (2 tabs each) complete at the same moment
    results = Counter(concurrent_claims(offer.pk, 24, deal.opens_at))
    # then exactly 5 units were sold, each to a different buyer, the rest refused
    assert results["ok"] == 5
    assert results["ok"] + results[LIVE_OFFER_SOLD_OUT] + results[LIVE_OFFER_BUYER_LIMIT] == 24
    deal.refresh_from_db()
    assert deal.units_claimed == 5
    buyers = Counter(
        LiveOfferClaim.objects.filter(flash_deal=deal).values_list("buyer_key", flat=True)
    )
    assert sorted(buyers.values()) == [1, 1, 1, 1, 1]


def test_it_runs_the_flash_announcements_every_five_seconds() -> None:
    # given the beat schedule
    entry = app.conf.beat_schedule["livestream-flash-deals"]
    # then the flash deals are announced within 5 s of opening and closing
    assert (entry["task"], entry["schedule"]) == (announce_flash_deals.name, 5.0)
