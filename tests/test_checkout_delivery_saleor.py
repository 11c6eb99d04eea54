"""The delivery step of Saleor's storefront: it lists `deliveryOptionsCalculate`'s deliveries
and sends the chosen `Delivery.id` (a `CheckoutDelivery` id in Saleor 3.23) to
`checkoutDeliveryMethodUpdate`; a `ShippingMethod` id still works, anything else is refused
and changes nothing."""

from __future__ import annotations

from typing import Any

import graphene
from django.test import Client

from checkout.models import ShippingMethod
from tests import factories
from tests.conftest import gql
from tests.helpers.checkout import checkout_id
from tests.helpers.saleor_ops import operation


def _cart() -> tuple[Any, ShippingMethod, ShippingMethod]:
    """A guest's cart of one Điện Biên honey (120.000 ₫) with an address and no delivery yet;
    its seller ships standard (30.000 ₫) or express (45.000 ₫)."""
    shop = factories.seller()
    standard = factories.shipping_method(shop)
    express = factories.shipping_method(
        shop, name="Giao hỏa tốc", price=45_000, service_level="express", is_default=False
    )
    honey = factories.product(owner=shop, price=120_000).variants.get()
    return factories.checkout([(honey, 1)], deliver=False), standard, express


def _options(api: Client, checkout: Any) -> list[dict[str, Any]]:
    body = gql(api, operation("checkout", "DeliveryOptions"), {"id": checkout_id(checkout)})
    assert "errors" not in body, body
    payload = body["data"]["deliveryOptionsCalculate"]
    assert payload["errors"] == []
    deliveries: list[dict[str, Any]] = payload["deliveries"]
    return deliveries


def _choose(api: Client, checkout: Any, delivery_method_id: str) -> dict[str, Any]:
    body = gql(
        api,
        operation("checkout", "DeliveryChoose"),
        {"checkoutId": checkout_id(checkout), "deliveryMethodId": delivery_method_id},
    )
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["checkoutDeliveryMethodUpdate"]
    return payload


def test_it_takes_the_delivery_id_the_storefront_picked(db: Any, api: Client) -> None:
    # given a cart whose seller offers two deliveries
    checkout, standard, express = _cart()
    # when the storefront lists the deliveries and sends the express one's id
    deliveries = _options(api, checkout)
    chosen = next(d for d in deliveries if d["shippingMethod"]["name"] == "Giao hỏa tốc")
    payload = _choose(api, checkout, chosen["id"])
    # then the ids are Saleor's CheckoutDelivery ids, and the checkout carries that delivery
    assert [d["id"] for d in deliveries] == [
        graphene.Node.to_global_id("CheckoutDelivery", m.pk) for m in (standard, express)
    ]
    assert payload["errors"] == []
    shown = payload["checkout"]
    assert shown["delivery"] == {
        "id": chosen["id"],
        "shippingMethod": {
            "id": graphene.Node.to_global_id("ShippingMethod", express.pk),
            "name": "Giao hỏa tốc",
        },
    }
    assert shown["shippingPrice"]["gross"] == {"amount": 45_000.0, "currency": "VND"}
    assert shown["totalPrice"]["gross"]["amount"] == 165_000.0
    assert shown["problems"] == []


def test_it_still_takes_a_shipping_method_id(db: Any, api: Client) -> None:
    # given a cart without a delivery
    checkout, standard, _express = _cart()
    # when the (deprecated) ShippingMethod id is sent
    payload = _choose(api, checkout, graphene.Node.to_global_id("ShippingMethod", standard.pk))
    # then that method is chosen
    assert payload["errors"] == []
    assert payload["checkout"]["shippingPrice"]["gross"]["amount"] == 30_000.0


def test_it_refuses_an_id_of_another_kind_and_changes_nothing(db: Any, api: Client) -> None:
    # given a cart without a delivery
    checkout, _standard, _express = _cart()
    wrong = graphene.Node.to_global_id("Product", 1)
    # when a product id is sent as the delivery method
    payload = _choose(api, checkout, wrong)
    # then Saleor's error names the field (in Vietnamese, the default), and no delivery is set
    assert payload["errors"] == [
        {
            "field": "deliveryMethodId",
            "message": f"ID không hợp lệ: {wrong}.",
            "code": "GRAPHQL_ERROR",
        }
    ]
    assert payload["checkout"] is None
    checkout.refresh_from_db()
    assert checkout.delivery_method_id is None
