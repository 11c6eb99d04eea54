"""A live offer's per-buyer limit applies in the cart, not only at checkoutComplete: a line
gets the live price for as many units as the buyer may still claim, the rest at the regular
price, from checkoutCreate / checkoutLinesAdd / checkoutLinesUpdate on; completion claims
exactly those units (issue 9, "Listing rule gaps")."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from checkout.models import Checkout
from livestream.models import LiveOffer, LiveOfferBuyer, LiveOfferClaim
from orders.models import OrderLine
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.checkout import (
    CHECKOUT_COMPLETE,
    CHECKOUT_QUERY,
    LINES_ADD,
    LINES_UPDATE,
    checkout_id,
    create_checkout,
    variant_id,
)

REGULAR, LIVE = 200_000, 150_000
UNDISCOUNTED = """
query($id: ID!) { checkout(id: $id) { lines {
  undiscountedUnitPrice { amount } undiscountedTotalPrice { amount } totalPrice { gross { amount } }
} } }
"""


@pytest.fixture
def offer(db: Any) -> LiveOffer:
    """A live session selling the variant at 150.000 ₫ (regular 200.000 ₫), 2 per buyer."""
    owner = factories.seller()
    product = factories.product(owner=owner, stock=500, price=REGULAR)
    session = factories.livestream(
        sellers=(owner,),
        status="live",
        starts_in=datetime.timedelta(minutes=-10),
        duration=datetime.timedelta(hours=1),
    )
    made: LiveOffer = factories.live_offer(session, product, live_price=LIVE, cap=20, per_buyer=2)
    return made


def ready_for_completion(checkout: Checkout) -> None:
    """Give a cart made through the API an address and each seller's default delivery."""
    from checkout.actions import do_set_seller_delivery_methods
    from checkout.addresses import check_address
    from checkout.models import ShippingMethod

    checkout.shipping_address = check_address(factories.VN_ADDRESS).save()
    checkout.save(update_fields=["shipping_address"])
    sellers = {line.variant.product.seller_id for line in checkout.lines.all()}
    methods = [
        ShippingMethod.objects.filter(seller_id=pk, is_default=True).values_list("pk", flat=True)[0]
        for pk in sorted(sellers)
    ]
    do_set_seller_delivery_methods(checkout, methods)


def _line(checkout: dict[str, Any]) -> tuple[int, float, float, float]:
    """(quantity, unit price, line total, cart subtotal) of a one-line cart."""
    (line,) = checkout["lines"]
    return (
        line["quantity"],
        line["unitPrice"]["gross"]["amount"],
        line["totalPrice"]["gross"]["amount"],
        checkout["subtotalPrice"]["gross"]["amount"],
    )


def test_it_prices_only_the_allowed_units_at_the_live_price_on_create(
    offer: LiveOffer, api: Client
) -> None:
    # when a buyer creates a cart with 3 units of a 2-per-buyer offer
    created = create_checkout(api, [(offer.variant, 3)], email="an@ocop.test")
    # then 2 units cost the live price and the third the regular price
    assert created["errors"] == []
    assert _line(created["checkout"]) == (3, 166_667, 2 * LIVE + REGULAR, 2 * LIVE + REGULAR)


def test_it_shows_the_regular_price_as_the_undiscounted_one(offer: LiveOffer, api: Client) -> None:
    # when a buyer creates a cart with 3 units of a 2-per-buyer offer
    created = create_checkout(api, [(offer.variant, 3)], email="an@ocop.test")
    body = gql(api, UNDISCOUNTED, {"id": created["checkout"]["id"]})
    # then the undiscounted prices are the regular ones, before the live offer
    (line,) = body["data"]["checkout"]["lines"]
    assert (
        line["undiscountedUnitPrice"]["amount"],
        line["undiscountedTotalPrice"]["amount"],
        line["totalPrice"]["gross"]["amount"],
    ) == (REGULAR, 3 * REGULAR, 2 * LIVE + REGULAR)


def test_it_reprices_when_lines_are_added_or_changed(offer: LiveOffer, api: Client) -> None:
    # given a cart with 1 unit at the live price
    created = create_checkout(api, [(offer.variant, 1)], email="an@ocop.test")
    assert _line(created["checkout"]) == (1, LIVE, LIVE, LIVE)
    cart = created["checkout"]["id"]
    # when 2 more units are added
    added = gql(
        api,
        LINES_ADD,
        {"id": cart, "lines": [{"variantId": variant_id(offer.variant), "quantity": 2}]},
    )["data"]["checkoutLinesAdd"]
    # then only 2 of the 3 are at the live price
    assert _line(added["checkout"]) == (3, 166_667, 2 * LIVE + REGULAR, 2 * LIVE + REGULAR)
    line_id = added["checkout"]["lines"][0]["id"]
    # when the line is changed to 5 units, then back to 2
    five = gql(api, LINES_UPDATE, {"id": cart, "lines": [{"lineId": line_id, "quantity": 5}]})
    two = gql(api, LINES_UPDATE, {"id": cart, "lines": [{"lineId": line_id, "quantity": 2}]})
    # then 5 units cost 2 live + 3 regular, and 2 units are all at the live price
    five_total = 2 * LIVE + 3 * REGULAR
    assert _line(five["data"]["checkoutLinesUpdate"]["checkout"]) == (
        5,
        180_000,
        five_total,
        five_total,
    )
    assert _line(two["data"]["checkoutLinesUpdate"]["checkout"]) == (2, LIVE, 2 * LIVE, 2 * LIVE)


def test_it_completes_claiming_only_the_allowed_units(offer: LiveOffer, api: Client) -> None:
    # given a ready cart of 3 units of the 2-per-buyer offer
    made = factories.checkout([(offer.variant, 3)], email="three@ocop.test")
    # when the buyer completes it
    done = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id(made)})["data"]["checkoutComplete"]
    # then the order line costs 2 live units and 1 regular one, and 2 units are claimed
    assert done["errors"] == []
    line = OrderLine.objects.get(variant=offer.variant)
    assert (line.quantity, line.total_price_amount) == (3, 2 * LIVE + REGULAR)
    claim = LiveOfferClaim.objects.get()
    assert (claim.quantity, claim.unit_price, claim.order_line_id) == (2, LIVE, str(line.pk))
    offer.refresh_from_db()
    assert offer.units_claimed == 2
    assert LiveOfferBuyer.objects.get().units == 2


def test_it_charges_the_regular_price_once_the_buyer_reached_the_limit(
    offer: LiveOffer, api: Client
) -> None:
    # given a signed-in buyer who already bought their 2 live units
    buyer = factories.user()
    first = factories.checkout([(offer.variant, 2)], buyer=buyer, email=buyer.email)
    completed = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id(first)}, token_for(buyer))
    assert completed["data"]["checkoutComplete"]["errors"] == []
    # when they put the variant in a new cart
    created = create_checkout(api, [(offer.variant, 1)], token_for(buyer))
    # then the cart shows the regular price, not the live one
    assert _line(created["checkout"]) == (1, REGULAR, REGULAR, REGULAR)
    # and completing it claims nothing more
    second = Checkout.objects.get()
    ready_for_completion(second)
    done = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id(second)}, token_for(buyer))
    assert done["data"]["checkoutComplete"]["errors"] == []
    assert sorted(OrderLine.objects.values_list("quantity", "total_price_amount")) == [
        (1, REGULAR),
        (2, 2 * LIVE),
    ]
    offer.refresh_from_db()
    assert offer.units_claimed == 2
    assert LiveOfferClaim.objects.count() == 1


def test_it_counts_what_the_same_buyer_has_left_between_carts(
    offer: LiveOffer, api: Client
) -> None:
    # given a guest who bought 1 of their 2 live units
    first = factories.checkout([(offer.variant, 1)], email="guest@ocop.test")
    assert (
        gql(api, CHECKOUT_COMPLETE, {"id": checkout_id(first)})["data"]["checkoutComplete"][
            "errors"
        ]
        == []
    )
    # when the same guest (same email) fills a new cart with 3 units
    created = create_checkout(api, [(offer.variant, 3)], email="GUEST@ocop.test")
    # then 1 unit is at the live price and 2 at the regular price
    assert _line(created["checkout"])[2] == LIVE + 2 * REGULAR


def test_it_prices_at_most_the_units_left_under_the_cap(offer: LiveOffer, api: Client) -> None:
    # given an offer with 1 unit left under its cap
    LiveOffer.objects.filter(pk=offer.pk).update(units_claimed=19)
    # when a buyer puts 2 units in a cart
    created = create_checkout(api, [(offer.variant, 2)], email="late@ocop.test")
    # then only 1 unit gets the live price
    assert _line(created["checkout"])[2] == LIVE + REGULAR


def test_it_shows_the_same_prices_when_the_cart_is_read_again(
    offer: LiveOffer, api: Client
) -> None:
    made = factories.checkout([(offer.variant, 4)], email="read@ocop.test")
    read = gql(api, CHECKOUT_QUERY, {"id": checkout_id(made)})["data"]["checkout"]
    assert _line(read) == (4, 175_000, 2 * LIVE + 2 * REGULAR, 2 * LIVE + 2 * REGULAR)
