"""Checkout during a flash deal: the cart shows and the order charges the flash price,
claimed against the deal's own cap and per-buyer limit, never above them, under a rush of
concurrent buyers (real threads, each with its own connection)."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from livestream.models import FlashDeal, LiveOffer, LiveOfferClaim
from orders.models import OrderLine
from tests import factories
from tests.conftest import gql
from tests.helpers.checkout import CHECKOUT_COMPLETE, checkout_id
from tests.helpers.concurrency import complete_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),
]

TOTAL = """
query Total($id: ID!) { checkout(id: $id) { subtotalPrice { gross { amount } } } }
"""


def open_flash(*, cap: int, per_buyer: int) -> tuple[LiveOffer, FlashDeal, object]:
    """A live offer at 150.000 ₫ (regular 200.000 ₫) with a flash deal at 120.000 ₫ open
    since a second ago, for ten minutes."""
    owner = factories.seller()
    product = factories.product(owner=owner, stock=500, price=200_000)
    session = factories.livestream(
        sellers=(owner,),
        status="live",
        starts_in=datetime.timedelta(minutes=-10),
        duration=datetime.timedelta(hours=1),
    )
    offer = factories.live_offer(session, product, live_price=150_000, cap=50, per_buyer=2)
    now = timezone.now()
    deal = FlashDeal.objects.create(
        livestream=session,
        offer=offer,
        flash_price=120_000,
        quantity_cap=cap,
        per_buyer_limit=per_buyer,
        opens_at=now - datetime.timedelta(seconds=1),
        closes_at=now + datetime.timedelta(minutes=10),
    )
    return offer, deal, product.variants.get()


def test_it_charges_the_flash_price_in_the_cart_and_the_order() -> None:
    # given an open flash deal, 1 per buyer, and a buyer's cart of 2 units
    offer, deal, variant = open_flash(cap=5, per_buyer=1)
    made = factories.checkout([(variant, 2)], email="flash@ocop.test")
    api = Client()
    # when the buyer looks at the cart, then completes the checkout
    total = gql(api, TOTAL, {"id": checkout_id(made)})
    body = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id(made)})
    # then one unit is at the flash price and the other at the regular price
    assert total["data"]["checkout"]["subtotalPrice"]["gross"]["amount"] == 320_000
    assert body["data"]["checkoutComplete"]["errors"] == []
    assert OrderLine.objects.get(variant=variant).total_price_amount == 320_000
    # and the unit is claimed on the flash deal, not on the offer
    claim = LiveOfferClaim.objects.get()
    assert (claim.flash_deal_id, claim.unit_price, claim.quantity, claim.status) == (
        deal.pk,
        120_000,
        1,
        "confirmed",
    )
    deal.refresh_from_db()
    offer.refresh_from_db()
    assert (deal.units_claimed, offer.units_claimed) == (1, 0)


def test_it_sells_exactly_the_flash_cap_to_a_rush_of_buyers() -> None:
    # given an open flash deal of 5 units, 1 per buyer
    offer, deal, variant = open_flash(cap=5, per_buyer=1)
    ids = [
        checkout_id(factories.checkout([(variant, 1)], email=f"rush{i}@ocop.test"))
        for i in range(20)
    ]
    # when 20 buyers complete at the same instant
    results = complete_at_once(ids)
    # then exactly 5 units were sold at the flash price, one per buyer
    assert all("errors" not in body for body in results)
    deal.refresh_from_db()
    assert deal.units_claimed == 5
    flash_lines = OrderLine.objects.filter(variant=variant, unit_price_amount=120_000)
    assert flash_lines.aggregate(s=Sum("quantity"))["s"] == 5
    buyers = Counter(
        LiveOfferClaim.objects.filter(flash_deal=deal).values_list("buyer_key", flat=True)
    )
    assert sorted(buyers.values()) == [1, 1, 1, 1, 1]
    # and every other completed order paid the live or the regular price, never the flash
    others = set(
        OrderLine.objects.filter(variant=variant)
        .exclude(unit_price_amount=120_000)
        .values_list("unit_price_amount", flat=True)
    )
    assert others <= {150_000, 200_000}
    offer.refresh_from_db()
    assert (
        offer.units_claimed
        == OrderLine.objects.filter(variant=variant, unit_price_amount=150_000).count()
    )
