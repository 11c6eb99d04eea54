"""Each seller's delivery methods: flat, by weight, free above a threshold."""

from __future__ import annotations

from typing import Any

import graphene
import pytest
from django.test import Client

from catalog.models import ProductVariant
from checkout.delivery import priced_methods, shipping_price, suggested
from checkout.models import ShippingMethod, ShippingRateKind
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.checkout import (
    CHECKOUT_QUERY,
    DELIVERY_METHOD_UPDATE,
    SELLER_DELIVERY_UPDATE,
    checkout_id,
)


def _method(**fields: Any) -> ShippingMethod:
    defaults = {"name": "x", "price_amount": 30_000, "rate_kind": ShippingRateKind.FLAT}
    return ShippingMethod(**{**defaults, **fields})


def test_it_prices_flat_weight_and_free_delivery() -> None:
    flat = _method(price_amount=30_000, free_above_amount=500_000)
    by_weight = _method(
        rate_kind=ShippingRateKind.WEIGHT, price_amount=20_000, price_per_kg_amount=5_000
    )
    # flat: same price whatever the weight, free from the threshold on
    assert shipping_price(flat, subtotal=499_999, weight_grams=9_000) == 30_000
    assert shipping_price(flat, subtotal=500_000, weight_grams=9_000) == 0
    # by weight: the first kilogram, then every started kilogram
    assert shipping_price(by_weight, subtotal=100_000, weight_grams=0) == 20_000
    assert shipping_price(by_weight, subtotal=100_000, weight_grams=1_000) == 20_000
    assert shipping_price(by_weight, subtotal=100_000, weight_grams=1_001) == 25_000
    assert shipping_price(by_weight, subtotal=100_000, weight_grams=3_500) == 35_000


def test_it_suggests_the_sellers_default_method_else_the_cheapest() -> None:
    # given a seller's express default and a cheaper standard method, priced for a cart
    standard = _method(pk=1, price_amount=30_000, is_default=False)
    express = _method(pk=2, price_amount=45_000, is_default=True)
    options = priced_methods([express, standard], subtotal=100_000, weight_grams=500)
    # then the default is suggested; without a default, the cheapest; without methods, none
    assert [o.method.pk for o in options] == [1, 2]
    assert suggested(options) == options[1]
    express.is_default = False
    assert suggested(options) == options[0]
    assert suggested([]) is None


def test_it_prices_each_sellers_part_of_the_cart_separately(db: Any, api: Client) -> None:
    # given seller A charging by weight (2.4 kg in the cart) and seller B free above 200.000 ₫
    seller_a, seller_b = factories.seller(), factories.seller()
    rice = factories.product(owner=seller_a, price=60_000).variants.get()
    ProductVariant.objects.filter(pk=rice.pk).update(weight_grams=1_200)
    tea = factories.product(owner=seller_b, price=120_000).variants.get()
    heavy = factories.shipping_method(
        seller_a, rate_kind="weight", price=20_000, per_kg=5_000, name="Theo cân"
    )
    free = factories.shipping_method(seller_b, price=25_000, free_above=200_000, name="Miễn phí")
    checkout = factories.checkout([(rice, 2), (tea, 2)], deliver=False)
    # when the buyer chooses both methods
    chosen = gql(
        api,
        SELLER_DELIVERY_UPDATE,
        {
            "id": checkout_id(checkout),
            "methods": [
                graphene.Node.to_global_id("ShippingMethod", heavy.pk),
                graphene.Node.to_global_id("ShippingMethod", free.pk),
            ],
        },
    )["data"]["checkoutSellerDeliveryMethodsUpdate"]
    # then A pays 20.000 + 2 started kilos × 5.000 and B ships free (240.000 ≥ 200.000)
    assert chosen["errors"] == []
    parts = {
        d["seller"]["slug"]: (
            d["shippingPrice"]["gross"]["amount"],
            d["subtotalPrice"]["gross"]["amount"],
        )
        for d in chosen["checkout"]["sellerDeliveries"]
    }
    assert parts == {seller_a.slug: (30_000, 120_000), seller_b.slug: (0, 240_000)}
    assert chosen["checkout"]["totalPrice"]["gross"]["amount"] == 390_000


def test_it_refuses_a_method_of_a_seller_not_in_the_cart_or_over_its_weight(
    db: Any, api: Client
) -> None:
    # given a cart of 3 kg from seller A, a light-parcel method of A, and seller C's method
    seller_a = factories.seller()
    variant = factories.product(owner=seller_a).variants.get()
    ProductVariant.objects.filter(pk=variant.pk).update(weight_grams=3_000)
    light = factories.shipping_method(seller_a, max_weight_grams=2_000, is_default=False)
    elsewhere = factories.shipping_method(factories.seller())
    checkout = factories.checkout([(variant, 1)], deliver=False)
    # when choosing either
    for method in (light, elsewhere):
        body = gql(
            api,
            SELLER_DELIVERY_UPDATE,
            {
                "id": checkout_id(checkout),
                "methods": [graphene.Node.to_global_id("ShippingMethod", method.pk)],
            },
        )["data"]["checkoutSellerDeliveryMethodsUpdate"]
        # then it is not applicable
        assert [e["code"] for e in body["errors"]] == ["DELIVERY_METHOD_NOT_APPLICABLE"]
    # and the checkout lists no method for A
    listed = gql(api, CHECKOUT_QUERY, {"id": checkout_id(checkout)})["data"]["checkout"]
    assert listed["shippingMethods"] == []


def test_it_names_the_refused_delivery_method_argument_as_the_api_does(
    db: Any, api: Client
) -> None:
    # given a cart from seller A and a method of another seller
    variant = factories.product(owner=factories.seller()).variants.get()
    elsewhere = factories.shipping_method(factories.seller())
    checkout = factories.checkout([(variant, 1)], deliver=False)
    method_id = graphene.Node.to_global_id("ShippingMethod", elsewhere.pk)
    # when a Saleor client and a seller-aware client choose it
    single = gql(api, DELIVERY_METHOD_UPDATE, {"id": checkout_id(checkout), "method": method_id})
    each = gql(api, SELLER_DELIVERY_UPDATE, {"id": checkout_id(checkout), "methods": [method_id]})
    # then each error names the argument (the domain names it in snake_case)
    assert [
        (e["field"], e["code"]) for e in single["data"]["checkoutDeliveryMethodUpdate"]["errors"]
    ] == [("deliveryMethodId", "DELIVERY_METHOD_NOT_APPLICABLE")]
    assert [
        (e["field"], e["code"])
        for e in each["data"]["checkoutSellerDeliveryMethodsUpdate"]["errors"]
    ] == [("deliveryMethodIds", "DELIVERY_METHOD_NOT_APPLICABLE")]


METHOD_CREATE = """
mutation($seller: ID!, $input: SellerShippingMethodInput!) {
  sellerShippingMethodCreate(seller: $seller, input: $input) {
    shippingMethod { id name price { amount } type serviceLevel isDefault freeAbove { amount } }
    errors { field code } } }
"""
METHOD_UPDATE = """
mutation($id: ID!, $input: SellerShippingMethodInput!) {
  sellerShippingMethodUpdate(id: $id, input: $input) {
    shippingMethod { name isDefault } errors { field code } } }
"""
METHOD_DELETE = """
mutation($id: ID!) { sellerShippingMethodDelete(id: $id) { deletedId errors { field code } } }
"""
METHODS = """
query($seller: ID!) { sellerShippingMethods(seller: $seller) { name isDefault price { amount } } }
"""


def _seller_roles(seller: Any, owner: Any) -> dict[str, Any]:
    other = factories.user()
    factories.seller(owner=other)
    return {
        "anonymous": None,
        "customer": factories.user(),
        "other_seller": other,
        "officer_other_province": factories.officer("01"),
        "officer": factories.officer("11"),
        "owner": owner,
        "admin": factories.user(is_staff=True),
    }


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        ("other_seller", False),
        ("officer_other_province", False),
        ("officer", False),
        ("owner", True),
        ("admin", True),
    ],
)
def test_it_lets_only_the_seller_manage_its_delivery_methods(
    db: Any, api: Client, role: str, allowed: bool
) -> None:
    # given a seller with one method, and someone in a given role
    owner = factories.user()
    seller = factories.seller(owner=owner)
    existing = factories.shipping_method(seller, name="Cũ", price=30_000)
    actor = _seller_roles(seller, owner)[role]
    token = token_for(actor) if actor else None
    seller_id = graphene.Node.to_global_id("Seller", seller.pk)
    method_id = graphene.Node.to_global_id("ShippingMethod", existing.pk)
    # when they create, change and delete methods
    created = gql(
        api,
        METHOD_CREATE,
        {"seller": seller_id, "input": {"name": "Mới", "price": 20_000, "isDefault": True}},
        token,
    )["data"]["sellerShippingMethodCreate"]
    updated = gql(api, METHOD_UPDATE, {"id": method_id, "input": {"name": "Đổi"}}, token)["data"][
        "sellerShippingMethodUpdate"
    ]
    deleted = gql(api, METHOD_DELETE, {"id": method_id}, token)["data"][
        "sellerShippingMethodDelete"
    ]
    # then only the seller's members and admins may; a denied call changed nothing
    if allowed:
        assert (created["errors"], updated["errors"], deleted["errors"]) == ([], [], [])
        assert created["shippingMethod"]["isDefault"] is True
        assert list(ShippingMethod.objects.values_list("name", "is_default")) == [("Mới", True)]
    else:
        for payload in (created, updated, deleted):
            assert [e["code"] for e in payload["errors"]] == ["PERMISSION_DENIED"]
        assert list(ShippingMethod.objects.values_list("name", "is_default")) == [("Cũ", True)]


def test_it_keeps_one_default_method_per_seller_and_lists_them(db: Any, api: Client) -> None:
    # given a seller's owner creating two methods, the second one made default
    owner = factories.user()
    seller = factories.seller(owner=owner)
    seller_id = graphene.Node.to_global_id("Seller", seller.pk)
    token = token_for(owner)
    first = gql(
        api,
        METHOD_CREATE,
        {"seller": seller_id, "input": {"name": "Tiết kiệm", "price": 20_000}},
        token,
    )["data"]["sellerShippingMethodCreate"]
    second = gql(
        api,
        METHOD_CREATE,
        {
            "seller": seller_id,
            "input": {
                "name": "Hỏa tốc",
                "price": 45_000,
                "pricePerKg": 10_000,
                "type": "WEIGHT",
                "serviceLevel": "EXPRESS",
                "freeAbove": 1_000_000,
                "isDefault": True,
            },
        },
        token,
    )["data"]["sellerShippingMethodCreate"]
    # then the first became default on creation, and the second took it over
    assert first["shippingMethod"]["isDefault"] is True
    assert second["shippingMethod"] == {
        "id": second["shippingMethod"]["id"],
        "name": "Hỏa tốc",
        "price": {"amount": 45_000},
        "type": "WEIGHT",
        "serviceLevel": "EXPRESS",
        "isDefault": True,
        "freeAbove": {"amount": 1_000_000},
    }
    listed = gql(api, METHODS, {"seller": seller_id})["data"]["sellerShippingMethods"]
    assert listed == [
        {"name": "Tiết kiệm", "isDefault": False, "price": {"amount": 20_000}},
        {"name": "Hỏa tốc", "isDefault": True, "price": {"amount": 45_000}},
    ]
    # and bad input is named
    bad = gql(
        api,
        METHOD_CREATE,
        {
            "seller": seller_id,
            "input": {"name": "", "price": -1, "minimumDeliveryDays": 5, "maximumDeliveryDays": 2},
        },
        token,
    )["data"]["sellerShippingMethodCreate"]
    assert sorted((e["field"], e["code"]) for e in bad["errors"]) == [
        ("maximumDeliveryDays", "MAX_LESS_THAN_MIN"),
        ("name", "REQUIRED"),
        ("price", "INVALID"),
    ]
