"""Reading orders: the buyer's `me { orders }`, the staff list, guests' orders by id."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from graphql import GraphQLError  # noqa: F401  (documents that the list refuses customers)

from checkout.complete_checkout import complete_checkout
from sellers.models import SellerMember
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.orders import ORDER_QUERY, order_id

ME_ORDERS = """
query { me { email orders(first: 10) { totalCount edges { node {
  number status seller { slug } total { gross { amount } } orderGroup { number } } } } } }
"""
STAFF_ORDERS = """
query($first: Int!) { orders(first: $first) { totalCount edges { node {
  number status userEmail paymentStatus seller { slug }
  lines { productName productSku quantity unitPrice { gross { amount } } }
  events { type user { email } }
  fulfillments { trackingNumber lines { quantity } }
  shippingAddress { city }
  orderGroup { number }
} } } }
"""


def test_it_lists_a_buyers_own_orders_in_me(db: Any, api: Client) -> None:
    # given a buyer with a two-seller purchase, and someone else's order
    buyer = factories.user()
    seller_a, seller_b = factories.seller(), factories.seller()
    lines = [
        (factories.product(owner=seller_a, price=100_000).variants.get(), 1),
        (factories.product(owner=seller_b, price=50_000).variants.get(), 1),
    ]
    group = complete_checkout(factories.checkout(lines, buyer=buyer, email=buyer.email).pk, buyer)
    complete_checkout(factories.checkout([(lines[0][0], 1)], buyer=factories.user()).pk, None)
    # when the buyer asks for their orders
    me = gql(api, ME_ORDERS, {}, token_for(buyer))["data"]["me"]
    # then they see their two seller orders of the same group, newest number first
    assert me["orders"]["totalCount"] == 2
    nodes = [e["node"] for e in me["orders"]["edges"]]
    assert {n["seller"]["slug"] for n in nodes} == {seller_a.slug, seller_b.slug}
    assert {n["orderGroup"]["number"] for n in nodes} == {str(group.group.number)}
    assert [int(n["number"]) for n in nodes] == sorted(
        (int(n["number"]) for n in nodes), reverse=True
    )


def test_it_lists_a_sellers_orders_in_a_constant_number_of_queries(db: Any, api: Client) -> None:
    # given a seller with 2 orders, then with 8
    owner = factories.user()
    seller = factories.seller(owner=owner)
    variant = factories.product(owner=seller, stock=100).variants.get()

    def place(count: int) -> None:
        for _ in range(count):
            complete_checkout(factories.checkout([(variant, 1)]).pk, None)

    token = token_for(owner)
    place(2)
    with CaptureQueriesContext(connection) as few:
        small = gql(api, STAFF_ORDERS, {"first": 20}, token)["data"]["orders"]
    place(6)
    with CaptureQueriesContext(connection) as many:
        large = gql(api, STAFF_ORDERS, {"first": 20}, token)["data"]["orders"]
    # then the page grows but the number of queries does not
    assert (small["totalCount"], large["totalCount"]) == (2, 8)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_it_refuses_the_staff_order_list_to_plain_customers(db: Any, api: Client) -> None:
    body = gql(api, STAFF_ORDERS, {"first": 5}, token_for(factories.user()))
    assert body["data"]["orders"] is None
    assert body["errors"][0]["message"] == (
        "You need one of the following permissions: MANAGE_ORDERS"
    )


def test_it_shows_a_guest_order_by_id_with_personal_data_masked(db: Any, api: Client) -> None:
    # given an order placed without an account
    owner = factories.user()
    seller = factories.seller(owner=owner)
    variant = factories.product(owner=seller).variants.get()
    order = complete_checkout(
        factories.checkout([(variant, 1)], email="khach@ocop.test").pk, None
    ).orders[0]
    # when someone holding its id reads it, and when its seller does
    holder = gql(api, ORDER_QUERY, {"id": order_id(order)})["data"]["order"]
    staff = gql(api, ORDER_QUERY, {"id": order_id(order)}, token_for(owner))["data"]["order"]
    # then the holder can track it, without the e-mail, street and phone
    assert holder["status"] == "UNCONFIRMED"
    assert holder["userEmail"] == "k…@ocop.test"
    assert holder["shippingAddress"]["city"] == "Phường Điện Biên Phủ"
    assert holder["shippingAddress"]["phone"] == "+849••••••••"
    assert set(holder["shippingAddress"]["streetAddress1"]) == {"•"}
    # and the seller sees it all
    assert staff["userEmail"] == "khach@ocop.test"
    assert staff["shippingAddress"]["phone"] == "+84912345678"
    assert SellerMember.objects.filter(seller=seller, user=owner).exists()
