"""The channel a storefront starts from (`channel`, `channels`, `Checkout.channel`,
`Order.channel`), an order's `deliveryMethod`, and `updateMetadata` on the buyer's own
checkouts and orders (issue 14)."""

from __future__ import annotations

from typing import Any

import graphene
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import Channel
from checkout.models import Checkout
from orders.models import Order
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.checkout import checkout_id
from tests.helpers.saleor_ops import operation
from tests.helpers.seller_orders import place, stall

CHANNELS = operation("translations", "StorefrontChannels")
CHANNEL = operation("translations", "StorefrontChannel")
CHECKOUT = operation("translations", "CheckoutChannelAndNotes")
ANNOTATE = operation("translations", "AnnotateObject")
MY_ORDERS = operation("translations", "MyOrderDetails")


def _channel_id() -> str:
    return graphene.Node.to_global_id("Channel", Channel.objects.get(slug="default-channel").pk)


def test_it_lists_the_channel_the_storefront_names(db: Any, api: Client) -> None:
    # given the marketplace's one channel
    # when a storefront lists channels and reads the one it is configured with
    listed = gql(api, CHANNELS)["data"]["channels"]
    found = gql(api, CHANNEL, {"slug": "default-channel"})["data"]["channel"]
    missing = gql(api, CHANNEL, {"slug": "nope"})["data"]["channel"]
    # then it is `default-channel`, in đồng, shipping within Viet Nam
    assert listed == [
        {
            "id": _channel_id(),
            "slug": "default-channel",
            "name": listed[0]["name"],
            "isActive": True,
            "currencyCode": "VND",
        }
    ]
    assert found == {
        "id": _channel_id(),
        "slug": "default-channel",
        "name": listed[0]["name"],
        "currencyCode": "VND",
        "defaultCountry": {"code": "VN", "country": "Việt Nam"},
        "countries": [{"code": "VN", "country": "Việt Nam"}],
        "warehouses": [],
        "metadata": [],
    }
    assert missing is None


def _cart(buyer: Any = None) -> Checkout:
    variant = factories.product().variants.get()
    made: Checkout = factories.checkout([(variant, 1)], buyer=buyer, deliver=False)
    return made


def _annotate(api: Client, id: str, items: list[dict[str, str]], token: str | None = None) -> Any:
    body = gql(api, ANNOTATE, {"id": id, "input": items}, token=token)
    assert "errors" not in body, body
    return body["data"]["updateMetadata"]


def test_it_keeps_a_guest_carts_metadata_and_shows_its_channel(db: Any, api: Client) -> None:
    # given a guest's cart
    cart = _cart()
    # when the storefront annotates it by id, then by its token
    first = _annotate(api, checkout_id(cart), [{"key": "note", "value": "Gói quà"}])
    second = _annotate(api, str(cart.pk), [{"key": "source", "value": "paper"}])
    # then both keys are kept, and the cart reads them with its channel
    assert first == {
        "errors": [],
        "item": {"id": checkout_id(cart), "metadata": [{"key": "note", "value": "Gói quà"}]},
    }
    assert second["item"]["metadata"] == [
        {"key": "note", "value": "Gói quà"},
        {"key": "source", "value": "paper"},
    ]
    read = gql(api, CHECKOUT, {"id": checkout_id(cart), "languageCode": "EN"})["data"]["checkout"]
    assert read["channel"] == {
        "id": _channel_id(),
        "slug": "default-channel",
        "currencyCode": "VND",
    }
    assert read["note"] == "Gói quà"
    assert read["metafields"] == {"note": "Gói quà"}
    assert read["lines"] == [{"variant": {"translation": None, "product": {"translation": None}}}]


def test_it_refuses_someone_elses_cart_and_bad_keys_writing_nothing(db: Any, api: Client) -> None:
    # given a signed-in buyer's cart, and another customer
    owner, stranger = factories.user(), factories.user()
    cart = _cart(buyer=owner)
    # when the stranger, an anonymous caller and the owner with an empty key try
    refused = [
        _annotate(api, checkout_id(cart), [{"key": "k", "value": "v"}], token_for(stranger)),
        _annotate(api, checkout_id(cart), [{"key": "k", "value": "v"}]),
        _annotate(api, checkout_id(cart), [{"key": " ", "value": "v"}], token_for(owner)),
        _annotate(api, "UHJvZHVjdDox", [{"key": "k", "value": "v"}], token_for(owner)),
    ]
    # then each is refused Saleor-style
    assert [[(e["field"], e["code"]) for e in p["errors"]] for p in refused] == [
        [("id", "NOT_FOUND")],
        [("id", "NOT_FOUND")],
        [("input", "REQUIRED")],
        [("id", "NOT_FOUND")],
    ]
    assert all(p["item"] is None for p in refused)
    # and the cart holds no metadata
    cart.refresh_from_db()
    assert cart.metadata == {}


def test_it_lets_only_the_buyer_annotate_an_order(db: Any, api: Client) -> None:
    # given a buyer's order from a stall
    seller, seller_owner = stall()
    buyer = factories.user()
    order = place(seller, buyer=buyer)
    order_gid = graphene.Node.to_global_id("Order", order.pk)
    # when the seller's owner, anonymous and then the buyer annotate it
    by_seller = _annotate(api, order_gid, [{"key": "k", "value": "v"}], token_for(seller_owner))
    by_anonymous = _annotate(api, str(order.pk), [{"key": "k", "value": "v"}])
    by_buyer = _annotate(api, order_gid, [{"key": "gift", "value": "yes"}], token_for(buyer))
    # then only the buyer's change is kept
    assert [(e["field"], e["code"]) for e in by_seller["errors"]] == [("id", "NOT_FOUND")]
    assert [(e["field"], e["code"]) for e in by_anonymous["errors"]] == [("id", "NOT_FOUND")]
    assert by_buyer == {
        "errors": [],
        "item": {"id": order_gid, "metadata": [{"key": "gift", "value": "yes"}]},
    }
    assert Order.objects.get(pk=order.pk).metadata == {"gift": "yes"}


def _my_orders(api: Client, token: str) -> tuple[list[Any], int]:
    with CaptureQueriesContext(connection) as captured:
        body = gql(api, MY_ORDERS, {"first": 20, "languageCode": "EN"}, token=token)
    assert "errors" not in body, body
    return [e["node"] for e in body["data"]["me"]["orders"]["edges"]], len(
        captured.captured_queries
    )


def test_it_shows_an_orders_channel_and_delivery_method_in_fixed_queries(
    db: Any, api: Client
) -> None:
    # given a buyer with one order
    seller, _ = stall()
    buyer = factories.user()
    order = place(seller, buyer=buyer)
    token = token_for(buyer)
    # when the buyer reads their orders
    nodes, one = _my_orders(api, token)
    # then each shows its channel and the seller's delivery method at the price paid
    method = order.shipping_method
    assert nodes[0]["channel"] == {"slug": "default-channel"}
    assert nodes[0]["deliveryMethod"] == {
        "__typename": "ShippingMethod",
        "id": graphene.Node.to_global_id("ShippingMethod", method.pk),
        "name": method.name,
        "price": {"amount": float(order.shipping_price_amount), "currency": "VND"},
    }
    assert nodes[0]["metadata"] == []
    assert nodes[0]["lines"][0]["variant"]["translation"] is None
    # and with four more orders the same number of queries is spent
    for _ in range(4):
        place(seller, buyer=buyer)
    nodes, five = _my_orders(api, token)
    assert len(nodes) == 5
    assert five == one
