"""Checkout.problems and CheckoutLine.problems: what would stop the order, shown before the
buyer tries (stock, a product no longer on sale, a delivery method that no longer applies)."""

from __future__ import annotations

from typing import Any

import graphene
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import ProductChannelListing, Stock
from checkout.models import CheckoutDelivery
from tests import factories
from tests.conftest import gql
from tests.helpers.promotions import find_checkout, operation


def test_it_reports_no_problem_for_a_ready_cart(db: Any, api: Client) -> None:
    # given a cart ready to complete
    checkout = factories.checkout([(factories.product().variants.get(), 2)])
    # when it is read, then it has no problem, nor has its line
    shown = find_checkout(api, checkout)
    assert shown["problems"] == []
    assert [line["problems"] for line in shown["lines"]] == [[]]


def test_it_reports_a_line_short_of_stock_with_what_is_left(db: Any, api: Client) -> None:
    # given a cart of 3 jars, and then only 2 left in the seller's warehouse
    variant = factories.product(stock=10).variants.get()
    checkout = factories.checkout([(variant, 3)])
    Stock.objects.filter(variant=variant).update(quantity=2)
    # when it is read
    shown = find_checkout(api, checkout)
    # then the line is short, saying 2 can be bought, on the checkout and on the line
    line_id = shown["lines"][0]["id"]
    expected = {
        "__typename": "CheckoutLineProblemInsufficientStock",
        "availableQuantity": 2,
        "line": {"id": line_id},
        "variant": {"id": graphene.Node.to_global_id("ProductVariant", variant.pk)},
    }
    assert shown["problems"] == [expected]
    assert shown["lines"][0]["problems"] == [expected]


def test_it_reports_a_product_no_longer_on_sale(db: Any, api: Client) -> None:
    # given a cart whose product was then unpublished
    product = factories.product()
    checkout = factories.checkout([(product.variants.get(), 1)])
    ProductChannelListing.objects.filter(product=product).update(is_published=False)
    # when it is read, then its line's variant is not available
    shown = find_checkout(api, checkout)
    line = {"id": shown["lines"][0]["id"]}
    assert shown["problems"] == [
        {"__typename": "CheckoutLineProblemVariantNotAvailable", "line": line}
    ]


def test_it_reports_a_chosen_delivery_method_that_no_longer_applies(db: Any, api: Client) -> None:
    # given a cart whose seller's chosen method was then switched off (another remains)
    owner = factories.seller()
    express = factories.shipping_method(owner, name="Hỏa tốc", price=60_000, is_default=False)
    factories.shipping_method(owner, name="Tiêu chuẩn", price=30_000)
    checkout = factories.checkout([(factories.product(owner=owner).variants.get(), 1)])
    CheckoutDelivery.objects.filter(checkout=checkout).update(shipping_method=express)
    express.is_active = False
    express.save(update_fields=["is_active"])
    # when it is read
    shown = find_checkout(api, checkout)
    # then the delivery method is invalid (our prices are never cached, so never stale)
    assert shown["problems"] == [
        {
            "__typename": "CheckoutProblemDeliveryMethodInvalid",
            "delivery": {
                "id": graphene.Node.to_global_id("CheckoutDelivery", express.pk),
                "shippingMethod": None,
            },
        }
    ]


def test_it_finds_the_problems_of_many_lines_in_fixed_queries(db: Any, api: Client) -> None:
    # given a one-line cart and a five-line cart, every line short of stock
    def short_cart(lines: int) -> Any:
        variants = [factories.product(stock=5).variants.get() for _ in range(lines)]
        made = factories.checkout([(v, 3) for v in variants])
        Stock.objects.filter(variant__in=variants).update(quantity=1)
        return made

    one, five = short_cart(1), short_cart(5)
    query = operation("promotions", "PromoCheckoutFind")

    def count(checkout: Any) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            body = gql(api, query, {"id": graphene.Node.to_global_id("Checkout", checkout.pk)})
        return len(ctx.captured_queries), len(body["data"]["checkout"]["problems"])

    # when both are read, then the problems cost no query per line
    queries_one, problems_one = count(one)
    queries_five, problems_five = count(five)
    assert (problems_one, problems_five) == (1, 5)
    assert queries_five == queries_one
