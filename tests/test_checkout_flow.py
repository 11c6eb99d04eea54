"""One cart, two producers, cash on delivery: the whole flow through GraphQL alone."""

from __future__ import annotations

from typing import Any

import graphene
from django.test import Client

from catalog.models import Stock
from orders.models import Order, OrderGroup
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.checkout import (
    CHECKOUT_COMPLETE,
    CHECKOUT_QUERY,
    DELIVERY_METHOD_UPDATE,
    EMAIL_UPDATE,
    SELLER_DELIVERY_UPDATE,
    SHIPPING_ADDRESS_UPDATE,
    create_checkout,
)
from tests.helpers.orders import ORDER_QUERY

SELLER_ORDERS = """
query { orders(first: 20) { totalCount edges { node { number seller { slug }
  lines { productName quantity } } } } }
"""


def _two_sellers() -> dict[str, Any]:
    owner_a, owner_b = factories.user(), factories.user()
    seller_a = factories.seller(owner=owner_a)
    seller_b = factories.seller(owner=owner_b)
    honey = factories.product(owner=seller_a, price=150_000, stock=10, name="Mật ong hoa ban")
    tea = factories.product(owner=seller_b, price=80_000, stock=5, name="Trà Shan tuyết")
    express_a = factories.shipping_method(
        seller_a, name="Hỏa tốc", price=50_000, service_level="express", is_default=False
    )
    standard_a = factories.shipping_method(seller_a, name="Tiêu chuẩn", price=30_000)
    standard_b = factories.shipping_method(seller_b, name="Tiêu chuẩn B", price=25_000)
    return {
        "owner_a": owner_a,
        "owner_b": owner_b,
        "seller_a": seller_a,
        "seller_b": seller_b,
        "honey": honey.variants.get(),
        "tea": tea.variants.get(),
        "express_a": express_a,
        "standard_a": standard_a,
        "standard_b": standard_b,
    }


def _gid(kind: str, pk: object) -> str:
    return graphene.Node.to_global_id(kind, pk)


def test_it_completes_a_two_seller_cash_on_delivery_checkout_through_graphql(
    db: Any, api: Client
) -> None:
    # given two producers with stock and delivery methods, and a signed-in buyer
    world = _two_sellers()
    buyer = factories.user("buyer@ocop.test")
    token = token_for(buyer)
    # when the buyer creates a checkout with both producers' products
    created = create_checkout(api, [(world["honey"], 2), (world["tea"], 1)], token)
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    assert created["checkout"]["quantity"] == 3
    assert created["checkout"]["subtotalPrice"]["gross"] == {"amount": 380_000, "currency": "VND"}
    # and sets the email and a Vietnamese address
    email = gql(api, EMAIL_UPDATE, {"id": checkout_id, "email": "An@OCOP.test"}, token)
    assert email["data"]["checkoutEmailUpdate"]["errors"] == []
    assert email["data"]["checkoutEmailUpdate"]["checkout"]["email"] == "an@ocop.test"
    shipped = gql(
        api,
        SHIPPING_ADDRESS_UPDATE,
        {"id": checkout_id, "address": factories.VN_ADDRESS_INPUT},
        token,
    )["data"]["checkoutShippingAddressUpdate"]
    assert shipped["errors"] == []
    address = shipped["checkout"]["shippingAddress"]
    assert address["city"] == "Phường Điện Biên Phủ"
    assert address["countryArea"] == "Tỉnh Điện Biên"
    assert address["phone"] == "+84912345678"
    # and chooses each seller's delivery method (seller-aware extension)
    chosen = gql(
        api,
        SELLER_DELIVERY_UPDATE,
        {
            "id": checkout_id,
            "methods": [
                _gid("ShippingMethod", world["express_a"].pk),
                _gid("ShippingMethod", world["standard_b"].pk),
            ],
        },
        token,
    )["data"]["checkoutSellerDeliveryMethodsUpdate"]
    assert chosen["errors"] == []
    assert chosen["checkout"]["shippingPrice"]["gross"]["amount"] == 75_000
    assert chosen["checkout"]["totalPrice"]["gross"]["amount"] == 455_000
    # and completes it with cash on delivery (no payment step)
    done = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id}, token)["data"]["checkoutComplete"]
    # then one order group holds two seller orders
    assert done["errors"] == []
    order = done["order"]
    group = order["orderGroup"]
    assert group["total"]["gross"]["amount"] == 455_000
    assert sorted(o["seller"]["slug"] for o in group["orders"]) == sorted(
        [world["seller_a"].slug, world["seller_b"].slug]
    )
    assert OrderGroup.objects.count() == 1
    assert Order.objects.count() == 2
    assert order["status"] == "UNCONFIRMED"
    assert order["paymentStatus"] == "NOT_CHARGED"
    assert [e["type"] for e in order["events"]] == ["PLACED"]
    # and the seller orders carry their own lines, delivery and totals
    by_seller = {o.seller_id: o for o in Order.objects.all()}
    honey_order = by_seller[world["seller_a"].pk]
    assert (honey_order.subtotal_amount, honey_order.shipping_price_amount) == (300_000, 50_000)
    assert honey_order.shipping_method_name == "Hỏa tốc"
    assert by_seller[world["seller_b"].pk].total_amount == 105_000
    # and the stock is allocated, not yet shipped
    honey_stock = Stock.objects.get(variant=world["honey"])
    tea_stock = Stock.objects.get(variant=world["tea"])
    assert (honey_stock.quantity, honey_stock.quantity_allocated) == (10, 2)
    assert (tea_stock.quantity, tea_stock.quantity_allocated) == (5, 1)
    # and the checkout is gone
    assert gql(api, CHECKOUT_QUERY, {"id": checkout_id}, token)["data"]["checkout"] is None
    # and each seller sees only its own order
    for owner, seller, product in (
        (world["owner_a"], world["seller_a"], "Mật ong hoa ban"),
        (world["owner_b"], world["seller_b"], "Trà Shan tuyết"),
    ):
        page = gql(api, SELLER_ORDERS, {}, token_for(owner))["data"]["orders"]
        assert page["totalCount"] == 1
        node = page["edges"][0]["node"]
        assert node["seller"]["slug"] == seller.slug
        assert [line["productName"] for line in node["lines"]] == [product]
    # and a seller cannot open the other seller's order by id
    other = _gid("Order", by_seller[world["seller_b"].pk].pk)
    assert (
        gql(api, ORDER_QUERY, {"id": other}, token_for(world["owner_a"]))["data"]["order"] is None
    )


def test_it_applies_a_saleor_clients_single_delivery_choice_to_every_seller(
    db: Any, api: Client
) -> None:
    # given a two-seller checkout with an address; seller B has no express method
    world = _two_sellers()
    created = create_checkout(
        api,
        [(world["honey"], 1), (world["tea"], 1)],
        email="guest@ocop.test",
        shippingAddress=factories.VN_ADDRESS_INPUT,
    )
    checkout_id = created["checkout"]["id"]
    # when a seller-unaware client lists shippingMethods and picks seller A's express one
    listed = {m["name"] for m in created["checkout"]["shippingMethods"]}
    assert listed == {"Hỏa tốc", "Tiêu chuẩn", "Tiêu chuẩn B"}
    picked = gql(
        api,
        DELIVERY_METHOD_UPDATE,
        {"id": checkout_id, "method": _gid("ShippingMethod", world["express_a"].pk)},
    )["data"]["checkoutDeliveryMethodUpdate"]
    # then seller A uses it and seller B falls back to its default
    assert picked["errors"] == []
    deliveries = {
        d["seller"]["slug"]: d["shippingMethod"]["name"]
        for d in picked["checkout"]["sellerDeliveries"]
    }
    assert deliveries == {world["seller_a"].slug: "Hỏa tốc", world["seller_b"].slug: "Tiêu chuẩn B"}
    assert picked["checkout"]["deliveryMethod"]["name"] == "Hỏa tốc"
    assert picked["checkout"]["shippingPrice"]["gross"]["amount"] == 75_000
    # and the checkout completes with two orders
    done = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    assert done["errors"] == []
    assert len(done["order"]["orderGroup"]["orders"]) == 2


def test_it_returns_the_same_order_when_completed_twice(db: Any, api: Client) -> None:
    # given a completed checkout
    world = _two_sellers()
    checkout = factories.checkout([(world["honey"], 1)])
    checkout_id = _gid("Checkout", checkout.pk)
    first = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    # when the client retries the completion
    again = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    # then it gets the same order and nothing more is allocated
    assert again["errors"] == []
    assert again["order"]["id"] == first["order"]["id"]
    assert Order.objects.count() == 1
    assert Stock.objects.get(variant=world["honey"]).quantity_allocated == 1


def test_it_refuses_to_complete_without_email_address_or_delivery(db: Any, api: Client) -> None:
    # given a checkout with a line only
    world = _two_sellers()
    created = create_checkout(api, [(world["honey"], 1)])
    # when completing it
    done = gql(api, CHECKOUT_COMPLETE, {"id": created["checkout"]["id"]})["data"][
        "checkoutComplete"
    ]
    # then every missing piece is named, and nothing was written
    assert done["order"] is None
    assert sorted(e["code"] for e in done["errors"]) == [
        "EMAIL_NOT_SET",
        "SHIPPING_ADDRESS_NOT_SET",
        "SHIPPING_METHOD_NOT_SET",
    ]
    assert Order.objects.count() == 0
    assert Stock.objects.get(variant=world["honey"]).quantity_allocated == 0
