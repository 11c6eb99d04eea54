"""Vouchers and gift cards through Saleor's promo-code mutations: applied to the cart's
totals, spent once at completion, split per seller order, booked in the payout ledger, and
given back by a cancellation."""

from __future__ import annotations

import datetime
from typing import Any

import graphene
import pytest
from django.test import Client
from django.utils import timezone

from orders.actions import do_cancel
from orders.models import Order
from payments.payouts import do_record_earning
from promotions.models import CheckoutPromoCode, GiftCardCharge, OrderDiscount
from promotions.pricing import split
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.promotions import (
    add_code,
    complete,
    gift_card,
    operation,
    remove_code,
    voucher,
)


def _cart(*, email: str = "buyer@ocop.test", buyer: Any = None) -> Any:
    """Two Điện Biên sellers (120.000 ₫ × 2 and 80.000 ₫) and one in Hà Nội (50.000 ₫), each
    with delivery at 30.000 ₫."""
    a, b = factories.seller(), factories.seller()
    hanoi = factories.seller(province_code="01")
    honey = factories.product(owner=a, price=120_000).variants.get()
    tea = factories.product(owner=b, price=80_000).variants.get()
    rice = factories.product(owner=hanoi, price=50_000).variants.get()
    return factories.checkout([(honey, 2), (tea, 1), (rice, 1)], email=email, buyer=buyer)


def _orders(completed: dict[str, Any]) -> dict[int, Order]:
    """The orders of the group a checkoutComplete payload's order belongs to, by seller."""
    _kind, pk = graphene.Node.resolve_global_id(None, completed["order"]["id"])
    group_id = Order.objects.get(pk=pk).group_id
    return {o.seller_id: o for o in Order.objects.filter(group_id=group_id)}


def test_it_splits_largest_remainder_to_the_dong() -> None:
    # given 100 đồng over three equal weights
    # when it is split
    shares = split(100, {1: 1, 2: 1, 3: 1})
    # then the shares add up exactly, the extra đồng to the smallest key
    assert shares == {1: 34, 2: 33, 3: 33}


def test_it_applies_a_province_voucher_to_that_provinces_sellers_only(db: Any, api: Client) -> None:
    # given a cart from two Điện Biên sellers and a Hà Nội one, and Điện Biên's 10 % voucher
    checkout = _cart()
    voucher()
    # when the buyer adds the code in lower case, by the deprecated checkoutId
    payload = add_code(api, checkout, "ocop10")
    # then 10 % of Điện Biên's 320.000 ₫ of goods is taken off the total, and named
    assert payload["errors"] == []
    shown = payload["checkout"]
    assert shown["voucherCode"] == "OCOP10"
    assert shown["discountName"] == "Giảm 10% đặc sản Điện Biên"
    assert shown["translatedDiscountName"] == "Giảm 10% đặc sản Điện Biên"
    assert shown["discount"] == {"amount": 32_000.0, "currency": "VND"}
    assert shown["subtotalPrice"]["gross"]["amount"] == 370_000.0
    assert shown["shippingPrice"]["gross"]["amount"] == 90_000.0
    assert shown["totalPrice"]["gross"]["amount"] == 428_000.0
    assert shown["giftCards"] == []


def test_it_refuses_an_unknown_code_and_attaches_nothing(db: Any, api: Client) -> None:
    # given a cart
    checkout = _cart()
    # when the buyer adds a code nobody issued (a Vietnamese request)
    response = api.post(
        "/graphql/",
        data={
            "query": operation("promotions", "PromoCodeAdd"),
            "variables": {
                "id": graphene.Node.to_global_id("Checkout", checkout.pk),
                "promoCode": "NOPE",
            },
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    payload = response.json()["data"]["checkoutAddPromoCode"]
    # then Saleor's INVALID names the field, and the checkout carries no code
    assert payload["errors"] == [
        {"field": "promoCode", "code": "INVALID", "message": "Mã khuyến mãi không hợp lệ."}
    ]
    assert payload["checkout"] is None
    assert CheckoutPromoCode.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"min_spend_amount": 400_000},
            "This voucher needs at least 400.000 ₫ of eligible products.",
        ),
        (
            {"scope_province_id": None, "scope": "seller"},
            "This voucher does not apply to the products in the cart.",
        ),
        ({"is_active": False}, "This voucher is not active."),
        ({"usage_limit": 3, "used": 3}, "This voucher has been used up."),
    ],
)
def test_it_refuses_a_voucher_that_takes_nothing_off(
    db: Any, api: Client, fields: dict[str, Any], message: str
) -> None:
    # given a cart and a voucher that cannot apply to it now
    checkout = _cart()
    if fields.get("scope") == "seller":
        fields["scope_seller"] = factories.seller()  # a seller with nothing in the cart
    voucher(**fields)
    # when the buyer adds it (in English)
    response = api.post(
        "/graphql/",
        data={
            "query": operation("promotions", "PromoCodeAdd"),
            "variables": {
                "checkoutId": graphene.Node.to_global_id("Checkout", checkout.pk),
                "promoCode": "OCOP10",
            },
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    payload = response.json()["data"]["checkoutAddPromoCode"]
    # then VOUCHER_NOT_APPLICABLE says why, and nothing is attached
    assert payload["errors"] == [
        {"field": "promoCode", "code": "VOUCHER_NOT_APPLICABLE", "message": message}
    ]
    assert CheckoutPromoCode.objects.count() == 0


def test_it_splits_the_discount_per_seller_order_and_counts_one_use(db: Any, api: Client) -> None:
    # given a cart with a fixed 50.000 ₫ Điện Biên voucher
    checkout = _cart()
    code = voucher("TET50", value_type="fixed", value=50_000, usage_limit=10)
    assert add_code(api, checkout, "TET50")["errors"] == []
    a_id, b_id = sorted({line.variant.product.seller_id for line in checkout.lines.all()})[:2]
    # when the checkout completes
    done = complete(api, checkout)
    # then each Điện Biên order bears its share (240 : 80 of the eligible goods)
    assert done["errors"] == []
    orders = _orders(done)
    shares = {
        o.seller_id: [d.amount for d in OrderDiscount.objects.filter(order=o)]
        for o in orders.values()
    }
    hanoi_id = next(pk for pk in orders if pk not in (a_id, b_id))
    assert shares == {a_id: [37_500], b_id: [12_500], hanoi_id: []}
    assert orders[a_id].total_amount == 240_000 + 30_000 - 37_500
    assert orders[b_id].total_amount == 80_000 + 30_000 - 12_500
    assert orders[hanoi_id].total_amount == 50_000 + 30_000
    assert orders[a_id].group.total_amount == 370_000 + 90_000 - 50_000
    # and the voucher counts one use; the checkout's codes are gone
    code.refresh_from_db()
    assert code.used == 1
    assert CheckoutPromoCode.objects.count() == 0


@pytest.mark.parametrize(
    ("funder", "earned"),
    [("province", 240_000 + 30_000), ("seller", 240_000 + 30_000 - 37_500)],
)
def test_it_books_only_a_seller_funded_voucher_against_the_payout(
    db: Any, api: Client, funder: str, earned: int
) -> None:
    # given a completed cart with a fixed voucher funded by the province, or by the seller
    checkout = _cart()
    a_id = sorted({line.variant.product.seller_id for line in checkout.lines.all()})[0]
    funding = (
        {"funder": "province", "funding_province": factories.province("11")}
        if funder == "province"
        else {"funder": "seller", "funding_seller_id": a_id, "funding_province": None}
    )
    voucher("TET50", value_type="fixed", value=50_000, **funding)
    assert add_code(api, checkout, "TET50")["errors"] == []
    order = _orders(complete(api, checkout))[a_id]
    # when the seller's earning is recorded (the order delivered and paid)
    entry = do_record_earning(order)
    # then a province's voucher leaves the seller's gross whole, the seller's own lowers it
    assert entry is not None
    assert entry.gross_amount == earned
    assert entry.amount == earned - order.commission_amount
    assert entry.note == f"TET50 ({funder}) −37.500 ₫"


def test_it_refuses_a_second_use_by_the_same_buyer(db: Any, api: Client) -> None:
    # given a once-per-customer voucher the buyer already used
    voucher(limit_per_customer=1)
    first = _cart(email="once@ocop.test")
    assert add_code(api, first, "OCOP10")["errors"] == []
    assert complete(api, first)["errors"] == []
    # when the same buyer tries it on a new cart
    second = _cart(email="once@ocop.test")
    payload = add_code(api, second, "OCOP10")
    # then it is refused; another buyer may still use it
    assert [e["code"] for e in payload["errors"]] == ["VOUCHER_NOT_APPLICABLE"]
    assert add_code(api, _cart(email="other@ocop.test"), "OCOP10")["errors"] == []


def test_it_pays_with_a_gift_card_and_gives_it_back_on_cancel(db: Any, api: Client) -> None:
    # given a cart of 460.000 ₫ and a 100.000 ₫ gift card
    checkout = _cart()
    card = gift_card(balance=100_000)
    # when the buyer adds the card
    payload = add_code(api, checkout, "gift-2026-abcd")
    # then it pays 100.000 ₫ of the total, shown by its last four characters
    assert payload["errors"] == []
    shown = payload["checkout"]
    assert shown["totalPrice"]["gross"]["amount"] == 360_000.0
    assert shown["discount"]["amount"] == 0.0
    assert [
        (g["displayCode"], g["last4CodeChars"], g["currentBalance"]["amount"])
        for g in shown["giftCards"]
    ] == [("XXXX-XXXX-XXXX-ABCD", "ABCD", 100_000.0)]
    # and when the checkout completes, the card pays the first seller's order, once
    orders = _orders(complete(api, checkout))
    card.refresh_from_db()
    assert card.current_balance_amount == 0
    charges = list(GiftCardCharge.objects.values_list("order__seller_id", "amount"))
    first_seller = min(orders)
    assert charges == [(first_seller, 100_000)]
    assert orders[first_seller].total_amount == 240_000 + 30_000 - 100_000
    # and when that order is canceled, the balance comes back (once)
    staff = factories.user(is_staff=True, is_superuser=True)
    do_cancel(orders[first_seller].pk, staff, "out of stock")
    card.refresh_from_db()
    assert card.current_balance_amount == 100_000
    assert GiftCardCharge.objects.get().returned is True


def test_it_gives_the_voucher_use_back_when_every_order_is_canceled(db: Any, api: Client) -> None:
    # given a completed cart of three orders that used the voucher
    code = voucher(usage_limit=1)
    checkout = _cart()
    assert add_code(api, checkout, "OCOP10")["errors"] == []
    orders = list(_orders(complete(api, checkout)).values())
    staff = factories.user(is_staff=True, is_superuser=True)
    # when all but one are canceled, the use stays; when the last is, it comes back
    for order in orders[:-1]:
        do_cancel(order.pk, staff, "buyer asked")
    code.refresh_from_db()
    assert code.used == 1
    do_cancel(orders[-1].pk, staff, "buyer asked")
    code.refresh_from_db()
    assert code.used == 0
    assert code.usages.count() == 0


def test_it_refuses_an_expired_gift_card(db: Any, api: Client) -> None:
    # given an expired card
    checkout = _cart()
    gift_card(expiry_date=timezone.localdate() - datetime.timedelta(days=1))
    # when it is added
    payload = add_code(api, checkout, "GIFT-2026-ABCD")
    # then GIFT_CARD_NOT_APPLICABLE, and nothing is attached
    assert [e["code"] for e in payload["errors"]] == ["GIFT_CARD_NOT_APPLICABLE"]
    assert CheckoutPromoCode.objects.count() == 0


def test_it_removes_a_voucher_by_code_and_a_gift_card_by_id(db: Any, api: Client) -> None:
    # given a cart carrying a voucher and a gift card
    checkout = _cart()
    voucher()
    card = gift_card()
    add_code(api, checkout, "OCOP10")
    add_code(api, checkout, card.code)
    # when the voucher is removed by its code, then the card by its id
    by_code = remove_code(api, checkout, promoCode="ocop10")
    by_id = remove_code(api, checkout, promoCodeId=graphene.Node.to_global_id("GiftCard", card.pk))
    # then each goes, and the total is whole again
    assert by_code["errors"] == []
    assert by_code["checkout"]["voucherCode"] is None
    assert len(by_code["checkout"]["giftCards"]) == 1
    assert by_id["errors"] == []
    assert by_id["checkout"]["giftCards"] == []
    assert by_id["checkout"]["totalPrice"]["gross"]["amount"] == 460_000.0


def test_it_hides_someone_elses_checkout_from_the_promo_code_mutations(
    db: Any, api: Client
) -> None:
    # given a signed-in buyer's checkout and another user
    owner = factories.user()
    checkout = _cart(buyer=owner)
    voucher()
    stranger = token_for(factories.user())
    # when the stranger adds a code to it
    payload = add_code(api, checkout, "OCOP10", stranger)
    # then the checkout is not found and carries no code; its owner may add it
    assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"]
    assert CheckoutPromoCode.objects.count() == 0
    assert add_code(api, checkout, "OCOP10", token_for(owner))["errors"] == []


def test_it_shows_an_orders_voucher_and_discounts(db: Any, api: Client) -> None:
    # given a signed-in buyer's completed cart with the voucher and a gift card
    buyer = factories.user()
    token = token_for(buyer)
    checkout = _cart(buyer=buyer, email=buyer.email)
    voucher()
    gift_card(balance=20_000)
    add_code(api, checkout, "OCOP10", token)
    add_code(api, checkout, "GIFT-2026-ABCD", token)
    order_gid = complete(api, checkout, token)["order"]["id"]
    # when the first order is read
    shown = gql(api, operation("promotions", "PromoOrderDetails"), {"id": order_gid}, token)
    order = shown["data"]["order"]
    # then its share of the voucher is there in Saleor's shape
    assert order["voucherCode"] == "OCOP10"
    assert order["discountName"] == "Giảm 10% đặc sản Điện Biên"
    assert order["voucher"]["code"] == "OCOP10"
    assert order["voucher"]["discountValueType"] == "PERCENTAGE"
    assert order["voucher"]["discountValue"] == 10.0
    assert order["voucher"]["type"] == "SPECIFIC_PRODUCT"
    assert [
        (d["type"], d["valueType"], d["value"], d["amount"]["amount"], d["total"]["amount"])
        for d in order["discounts"]
    ] == [("VOUCHER", "PERCENTAGE", 10.0, 24_000.0, 24_000.0)]
    assert order["discount"] == {"amount": 24_000.0, "currency": "VND"}
    assert [g["last4CodeChars"] for g in order["giftCards"]] == ["ABCD"]
    assert order["subtotal"]["gross"]["amount"] == 240_000.0
    assert order["total"]["gross"]["amount"] == 240_000 + 30_000 - 24_000 - 20_000
    assert order["undiscountedTotal"]["gross"]["amount"] == 240_000 + 30_000 - 20_000


def test_it_loads_the_discounts_of_many_orders_in_fixed_queries(
    db: Any, api: Client, django_assert_max_num_queries: Any
) -> None:
    # given a buyer with one discounted purchase (3 orders), then three
    buyer = factories.user()
    token = token_for(buyer)
    voucher()
    gift_card(balance=500_000)

    def purchase() -> None:
        checkout = _cart(buyer=buyer, email=buyer.email)
        add_code(api, checkout, "OCOP10", token)
        add_code(api, checkout, "GIFT-2026-ABCD", token)
        assert complete(api, checkout, token)["errors"] == []

    query = operation("promotions", "PromoMyOrders")

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            body = gql(api, query, {"first": 50}, token)
        assert "errors" not in body, body
        return len(ctx.captured_queries)

    purchase()
    one = count()
    purchase()
    purchase()
    # when both pages are read, then the discounts cost no query per order
    assert count() == one
