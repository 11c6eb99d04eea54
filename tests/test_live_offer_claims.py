"""Claiming live-offer units: never above the cap or the per-buyer limit, under real
concurrency (threads, each with its own PostgreSQL connection)."""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from django.db import connection, transaction
from django.utils import timezone

from livestream.claims import (
    LIVE_OFFER_BUYER_LIMIT,
    LIVE_OFFER_CLAIM_RELEASED,
    LIVE_OFFER_INVALID_QUANTITY,
    LIVE_OFFER_NOT_LIVE,
    LIVE_OFFER_SOLD_OUT,
    LiveOfferError,
    buyer_key_for,
    claim_offer_units,
    confirm_claim,
    release_claim,
    release_claims_of_order,
)
from livestream.models import ClaimStatus, LiveOffer, LiveOfferBuyer, LiveOfferClaim
from livestream.pricing import price_for
from livestream.transitions import do_end
from tests import factories

T = TypeVar("T")
# Real concurrency needs committed rows (transactional_db); the flush after such a test
# would also drop the migrations' reference data (provinces, default channel), which
# serialized_rollback restores.
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)
slate = pytest.mark.usefixtures("empty_database")


def live_offer(cap: int = 20, per_buyer: int = 2, price: int = 120_000) -> LiveOffer:
    seller = factories.seller()
    product = factories.product(owner=seller, price=price, stock=500)
    session = factories.livestream(
        sellers=(seller,),
        status="live",
        starts_in=-datetime.timedelta(minutes=10),
        duration=datetime.timedelta(hours=1),
    )
    return factories.live_offer(session, product, live_price=99_000, cap=cap, per_buyer=per_buyer)


def concurrently(count: int, work: Callable[[int], T]) -> list[T]:
    """Run `work(i)` in `count` threads released together; each thread has its own
    database connection, closed at the end."""
    barrier = threading.Barrier(count)

    def run(i: int) -> T:
        try:
            barrier.wait(timeout=60)
            return work(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def attempt(offer_id: int, buyer: str, quantity: int = 1) -> tuple[str, int | None]:
    try:
        with transaction.atomic():
            claim = claim_offer_units(offer_id, buyer, quantity)
            return "ok", claim.unit_price
    except LiveOfferError as error:
        return error.code, None


@transactional
@slate
def test_it_sells_exactly_the_cap_to_100_concurrent_buyers(transactional_db: Any) -> None:
    # given a live offer of 20 units at 99.000 ₫ (regular 120.000 ₫), 2 per buyer
    offer = live_offer(cap=20, per_buyer=2)
    # when 100 checkouts of 40 buyers (2-3 tabs each) complete at the same moment
    results = concurrently(100, lambda i: attempt(offer.pk, f"user:{i % 40}"))
    # then exactly 20 units were sold, all at the live price
    outcomes = Counter(code for code, _ in results)
    assert outcomes["ok"] == 20
    assert outcomes["ok"] + outcomes[LIVE_OFFER_SOLD_OUT] + outcomes[LIVE_OFFER_BUYER_LIMIT] == 100
    assert {price for code, price in results if code == "ok"} == {99_000}
    offer.refresh_from_db()
    assert offer.units_claimed == 20
    assert LiveOfferClaim.objects.filter(offer=offer).count() == 20
    # and no buyer holds more than the per-buyer limit, in the counters as in the claims
    per_buyer = Counter(
        LiveOfferClaim.objects.filter(offer=offer).values_list("buyer_key", flat=True)
    )
    assert max(per_buyer.values()) <= 2
    counters = dict(LiveOfferBuyer.objects.filter(offer=offer).values_list("buyer_key", "units"))
    assert {k: v for k, v in counters.items() if v} == dict(per_buyer)


@transactional
@slate
def test_it_holds_the_per_buyer_limit_for_two_tabs_of_one_buyer(transactional_db: Any) -> None:
    # given a live offer with a limit of one unit per buyer
    offer = live_offer(cap=20, per_buyer=1)
    buyer = buyer_key_for(user_id=7)
    # when the same buyer completes two checkouts at the same moment
    results = concurrently(2, lambda i: attempt(offer.pk, buyer))
    # then one gets the unit and the other is told about the limit
    assert sorted(code for code, _ in results) == sorted(["ok", LIVE_OFFER_BUYER_LIMIT])
    offer.refresh_from_db()
    assert offer.units_claimed == 1
    assert LiveOfferBuyer.objects.get(offer=offer, buyer_key=buyer).units == 1


@transactional
@slate
def test_it_holds_the_per_buyer_limit_across_quantities(transactional_db: Any) -> None:
    # given a limit of 3 per buyer
    offer = live_offer(cap=20, per_buyer=3)
    # when one buyer's two tabs ask for 2 units each at once
    results = concurrently(2, lambda i: attempt(offer.pk, "email:lan@ocop.test", 2))
    # then only one of them gets its 2 units
    assert sorted(code for code, _ in results) == sorted(["ok", LIVE_OFFER_BUYER_LIMIT])
    offer.refresh_from_db()
    assert offer.units_claimed == 2


def test_it_charges_the_regular_price_again_after_the_end(db: Any) -> None:
    # given a live offer and a buyer who got a unit at the live price
    offer = live_offer()
    variant_id = offer.variant_id
    with transaction.atomic():
        claim = claim_offer_units(offer.pk, "user:1", 1)
    assert claim.unit_price == 99_000
    assert price_for(variant_id, offer.channel_id) == 99_000
    # when the host ends the session
    do_end(offer.livestream.host, offer.livestream_id)
    # then the regular price applies and no more units can be claimed at the live price
    assert price_for(variant_id, offer.channel_id) == 120_000
    with pytest.raises(LiveOfferError) as refused, transaction.atomic():
        claim_offer_units(offer.pk, "user:2", 1)
    assert refused.value.code == LIVE_OFFER_NOT_LIVE


def test_it_refuses_a_checkout_completed_after_the_end_time(db: Any) -> None:
    # given a live offer whose session's end time has passed (the beat task did not run yet)
    offer = live_offer()
    after_end = offer.livestream.ends_at + datetime.timedelta(seconds=1)
    # when a checkout created during the session completes after its end
    with pytest.raises(LiveOfferError) as refused, transaction.atomic():
        claim_offer_units(offer.pk, "user:3", 1, at=after_end)
    # then the live price no longer applies
    assert refused.value.code == LIVE_OFFER_NOT_LIVE
    assert price_for(offer.variant_id, offer.channel_id, after_end) == 120_000
    offer.refresh_from_db()
    assert offer.units_claimed == 0


def test_it_leaves_nothing_behind_when_a_claim_is_refused(db: Any) -> None:
    # given a buyer who already holds the per-buyer limit
    offer = live_offer(per_buyer=1)
    with transaction.atomic():
        claim_offer_units(offer.pk, "user:9", 1)
    # when the caller catches a refusal and goes on in the same transaction
    with transaction.atomic():
        with pytest.raises(LiveOfferError) as refused:
            claim_offer_units(offer.pk, "user:9", 1)
        other = claim_offer_units(offer.pk, "user:10", 1)
    # then the refused claim changed no counter
    assert refused.value.code == LIVE_OFFER_BUYER_LIMIT
    assert refused.value.available == 0
    assert other.quantity == 1
    offer.refresh_from_db()
    assert offer.units_claimed == 2
    assert LiveOfferBuyer.objects.get(offer=offer, buyer_key="user:9").units == 1


def test_it_reports_sold_out_with_what_remains(db: Any) -> None:
    # given an offer with 3 units, 3 per buyer, of which 2 are sold
    offer = live_offer(cap=3, per_buyer=3)
    with transaction.atomic():
        claim_offer_units(offer.pk, "user:1", 2)
    # when another buyer asks for 2
    with pytest.raises(LiveOfferError) as refused, transaction.atomic():
        claim_offer_units(offer.pk, "user:2", 2)
    # then the offer is sold out for that quantity, with 1 unit left
    assert refused.value.code == LIVE_OFFER_SOLD_OUT
    assert refused.value.available == 1


def test_it_refuses_a_non_positive_quantity(db: Any) -> None:
    offer = live_offer()
    with pytest.raises(LiveOfferError) as refused, transaction.atomic():
        claim_offer_units(offer.pk, "user:1", 0)
    assert refused.value.code == LIVE_OFFER_INVALID_QUANTITY


@transactional
@slate
def test_it_must_be_called_inside_a_transaction(transactional_db: Any) -> None:
    # given a live offer and no open transaction (autocommit)
    offer = live_offer()
    # when claiming outside the checkout-completion transaction
    with pytest.raises(RuntimeError):
        claim_offer_units(offer.pk, "user:1", 1)
    # then nothing was claimed
    offer.refresh_from_db()
    assert offer.units_claimed == 0


def test_it_confirms_and_releases_a_claim_exactly_once(db: Any) -> None:
    # given a confirmed claim of 2 units
    offer = live_offer(per_buyer=2)
    with transaction.atomic():
        claim = claim_offer_units(offer.pk, "user:5", 2)
        confirm_claim(claim.pk, order_id="o-1", order_line_id="l-1")
        confirm_claim(claim.pk, order_id="o-1", order_line_id="l-1")
    claim.refresh_from_db()
    assert (claim.status, claim.order_id, claim.order_line_id) == (
        ClaimStatus.CONFIRMED,
        "o-1",
        "l-1",
    )
    # when the order is canceled and the release runs twice
    with transaction.atomic():
        first = release_claim(claim.pk)
        second = release_claim(claim.pk)
    # then the units went back once, and the buyer may buy again
    assert (first, second) == (True, False)
    offer.refresh_from_db()
    assert offer.units_claimed == 0
    assert LiveOfferBuyer.objects.get(offer=offer, buyer_key="user:5").units == 0
    with transaction.atomic():
        again = claim_offer_units(offer.pk, "user:5", 2)
    assert again.quantity == 2
    # and a released claim cannot be confirmed
    with pytest.raises(LiveOfferError) as refused, transaction.atomic():
        confirm_claim(claim.pk, order_id="o-2", order_line_id="l-2")
    assert refused.value.code == LIVE_OFFER_CLAIM_RELEASED


def test_it_keys_buyers_by_user_or_email() -> None:
    assert buyer_key_for(user_id=12) == "user:12"
    assert buyer_key_for(email=" Lan@OCOP.test ") == "email:lan@ocop.test"
    with pytest.raises(ValueError):
        buyer_key_for()


def test_it_refuses_to_store_more_than_the_cap_even_bypassing_the_domain(db: Any) -> None:
    # given an offer of 20 units
    offer = live_offer(cap=20)
    # when some code tries to push units_claimed above the cap directly
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        LiveOffer.objects.filter(pk=offer.pk).update(units_claimed=21)
    # then the database refused it
    offer.refresh_from_db()
    assert offer.units_claimed == 0
    assert timezone.now() < offer.livestream.ends_at


def test_it_releases_every_claim_of_a_canceled_order(db: Any) -> None:
    # given an order with two live lines and another order
    offer = live_offer(per_buyer=3)
    with transaction.atomic():
        for line, quantity in (("l-1", 1), ("l-2", 2)):
            claim = claim_offer_units(offer.pk, "user:4", quantity)
            confirm_claim(claim.pk, order_id="o-9", order_line_id=line)
        kept = claim_offer_units(offer.pk, "user:5", 1)
        confirm_claim(kept.pk, order_id="o-10", order_line_id="l-3")
    # when the first order is canceled (and the cancel is retried)
    with transaction.atomic():
        released = (release_claims_of_order("o-9"), release_claims_of_order("o-9"))
    # then its three units are back, the other order's unit is still sold
    assert released == (2, 0)
    offer.refresh_from_db()
    assert offer.units_claimed == 1
    assert list(
        LiveOfferClaim.objects.filter(status=ClaimStatus.CONFIRMED).values_list(
            "order_id", flat=True
        )
    ) == ["o-10"]
