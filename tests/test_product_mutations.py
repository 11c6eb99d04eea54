"""Saleor's product mutations, for sellers' own products."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from graphql_relay import to_global_id

from catalog.models import (
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
)
from sellers.models import SellerStatus
from tests import factories
from tests.conftest import gql, token_for

PRODUCT_CREATE = """
mutation Create($input: ProductCreateInput!) {
  productCreate(input: $input) {
    product {
      id name slug description seller { slug } originProvince { code } weight { unit value }
    }
    errors { field message code }
    productErrors { field code }
  }
}
"""


def _goods() -> ProductType:
    return ProductType.objects.get_or_create(slug="ocop-goods", defaults={"name": "OCOP"})[0]


def _create_input(**change: Any) -> dict[str, Any]:
    description = {"blocks": [{"type": "paragraph", "data": {"text": "Mật ong <b>rừng</b>"}}]}
    data = {
        "productType": to_global_id("ProductType", _goods().pk),
        "name": "Mật ong hoa ban",
        "description": json.dumps(description),
        "weight": 500,
    }
    return {"input": {**data, **change}}


def test_it_creates_a_product_for_the_callers_seller(db: Any, api: Client) -> None:
    # given the owner of one seller
    owner = factories.user()
    seller = factories.seller(owner=owner)
    # when they create a product
    body = gql(api, PRODUCT_CREATE, _create_input(), token_for(owner))
    # then it belongs to their seller, with a slug and the description's text
    payload = body["data"]["productCreate"]
    assert payload["errors"] == []
    assert payload["productErrors"] == []
    assert payload["product"]["name"] == "Mật ong hoa ban"
    assert payload["product"]["slug"] == "mat-ong-hoa-ban"
    assert payload["product"]["seller"] == {"slug": seller.slug}
    assert payload["product"]["originProvince"] == {"code": "11"}
    assert payload["product"]["weight"] == {"unit": "G", "value": 500.0}
    product = Product.objects.get()
    assert product.description == "Mật ong rừng"
    assert product.search_document == "mat ong hoa ban mat ong rung dien bien"


def test_it_asks_which_seller_when_the_caller_has_several(db: Any, api: Client) -> None:
    # given a user on the staff of two sellers
    user = factories.user()
    factories.seller(owner=user)
    second = factories.seller(owner=user)
    # when they create a product without saying for which seller, then with it
    without = gql(api, PRODUCT_CREATE, _create_input(), token_for(user))
    variables = _create_input(seller=to_global_id("Seller", second.pk))
    with_seller = gql(api, PRODUCT_CREATE, variables, token_for(user))
    # then the first is refused and the second lands on the chosen seller
    errors = without["data"]["productCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("seller", "REQUIRED")]
    assert with_seller["data"]["productCreate"]["product"]["seller"] == {"slug": second.slug}
    assert Product.objects.count() == 1


def test_it_refuses_a_product_from_a_customer(db: Any, api: Client) -> None:
    body = gql(api, PRODUCT_CREATE, _create_input(), token_for(factories.user()))
    errors = body["data"]["productCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(None, "PERMISSION_DENIED")]
    assert Product.objects.count() == 0


def test_it_validates_product_input(db: Any, api: Client) -> None:
    # given a seller with an existing product
    owner = factories.user()
    existing = factories.product(owner=factories.seller(owner=owner))
    # when the input has a taken slug, no name, a bad category and a rating
    body = gql(
        api,
        PRODUCT_CREATE,
        _create_input(name="", slug=existing.slug, category="bm90LWFuLWlk", rating=5.0),
        token_for(owner),
    )
    # then every problem is reported and nothing is created
    errors = body["data"]["productCreate"]["errors"]
    assert sorted((e["field"], e["code"]) for e in errors) == [
        ("category", "GRAPHQL_ERROR"),
        ("name", "REQUIRED"),
        ("rating", "INVALID"),
        ("slug", "UNIQUE"),
    ]
    assert Product.objects.count() == 1


PRODUCT_UPDATE = """
mutation Update($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) {
    product { name slug }
    errors { field code }
  }
}
"""


def test_it_updates_my_product(db: Any, api: Client) -> None:
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    body = gql(
        api,
        PRODUCT_UPDATE,
        {"id": to_global_id("Product", product.pk), "input": {"name": "Mật ong bạc hà"}},
        token_for(owner),
    )
    assert body["data"]["productUpdate"] == {
        "product": {"name": "Mật ong bạc hà", "slug": product.slug},
        "errors": [],
    }
    product.refresh_from_db()
    assert product.search_document.startswith("mat ong bac ha")


PRODUCT_DELETE = """
mutation Delete($id: ID!) {
  productDelete(id: $id) { product { id name } errors { field code } }
}
"""


def test_it_deletes_my_product(db: Any, api: Client) -> None:
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    product_id = to_global_id("Product", product.pk)
    body = gql(api, PRODUCT_DELETE, {"id": product_id}, token_for(owner))
    assert body["data"]["productDelete"] == {
        "product": {"id": product_id, "name": product.name},
        "errors": [],
    }
    assert Product.objects.count() == 0


VARIANT_CREATE = """
mutation Variant($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) {
    productVariant { id sku name stocks { warehouse { name } quantity quantityAllocated } }
    errors { field code }
  }
}
"""


def test_it_creates_a_variant_with_stock(db: Any, api: Client) -> None:
    # given my product and my warehouse
    owner = factories.user()
    seller = factories.seller(owner=owner)
    product = factories.product(owner=seller)
    warehouse = seller.warehouses.get()
    # when I add a 1 kg variant with 25 in stock
    body = gql(
        api,
        VARIANT_CREATE,
        {
            "input": {
                "product": to_global_id("Product", product.pk),
                "attributes": [],
                "sku": "MO-1KG",
                "name": "Hũ 1 kg",
                "weight": {"value": 1, "unit": "KG"},
                "stocks": [{"warehouse": to_global_id("Warehouse", warehouse.pk), "quantity": 25}],
            }
        },
        token_for(owner),
    )
    # then the variant and its stock exist
    payload = body["data"]["productVariantCreate"]
    assert payload["errors"] == []
    assert payload["productVariant"]["sku"] == "MO-1KG"
    assert payload["productVariant"]["stocks"] == [
        {"warehouse": {"name": "Kho chính"}, "quantity": 25, "quantityAllocated": 0}
    ]
    assert ProductVariant.objects.get(sku="MO-1KG").weight_grams == 1000


def test_it_refuses_a_duplicate_sku(db: Any, api: Client) -> None:
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    taken = product.variants.first().sku
    body = gql(
        api,
        VARIANT_CREATE,
        {"input": {"product": to_global_id("Product", product.pk), "attributes": [], "sku": taken}},
        token_for(owner),
    )
    errors = body["data"]["productVariantCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("sku", "UNIQUE")]
    assert ProductVariant.objects.count() == 1


VARIANT_UPDATE = """
mutation VariantUpdate($sku: String, $input: ProductVariantInput!) {
  productVariantUpdate(sku: $sku, input: $input) {
    productVariant { sku name trackInventory }
    errors { field code }
  }
}
"""


def test_it_updates_a_variant_by_sku(db: Any, api: Client) -> None:
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    sku = product.variants.get().sku
    body = gql(
        api,
        VARIANT_UPDATE,
        {"sku": sku, "input": {"name": "Hũ 250 g", "trackInventory": False}},
        token_for(owner),
    )
    assert body["data"]["productVariantUpdate"] == {
        "productVariant": {"sku": sku, "name": "Hũ 250 g", "trackInventory": False},
        "errors": [],
    }


STOCKS_UPDATE = """
mutation Stocks($variantId: ID!, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $variantId, stocks: $stocks) {
    productVariant { stocks { quantity } }
    errors { field code index }
    bulkStockErrors { code }
  }
}
"""

STOCKS_CREATE = """
mutation Stocks($variantId: ID!, $stocks: [StockInput!]!) {
  productVariantStocksCreate(variantId: $variantId, stocks: $stocks) {
    errors { field code index }
  }
}
"""


def test_it_sets_stock_but_never_below_what_is_allocated(db: Any, api: Client) -> None:
    # given my variant with 10 in stock, 4 of them allocated to orders
    owner = factories.user()
    seller = factories.seller(owner=owner)
    variant = factories.product(owner=seller).variants.get()
    Stock.objects.filter(variant=variant).update(quantity_allocated=4)
    variables = {
        "variantId": to_global_id("ProductVariant", variant.pk),
        "stocks": [{"warehouse": to_global_id("Warehouse", seller.warehouses.get().pk)}],
    }
    token = token_for(owner)
    # when I set it to 3, then to 6
    variables["stocks"][0]["quantity"] = 3
    too_low = gql(api, STOCKS_UPDATE, variables, token)["data"]["productVariantStocksUpdate"]
    variables["stocks"][0]["quantity"] = 6
    fine = gql(api, STOCKS_UPDATE, variables, token)["data"]["productVariantStocksUpdate"]
    # then 3 is refused for that line and 6 is stored
    assert too_low["errors"] == [{"field": "quantity", "code": "INVALID", "index": 0}]
    assert too_low["bulkStockErrors"] == [{"code": "INVALID"}]
    assert fine["errors"] == []
    assert fine["productVariant"]["stocks"] == [{"quantity": 6}]


def test_it_refuses_stock_in_another_sellers_warehouse(db: Any, api: Client) -> None:
    owner = factories.user()
    variant = factories.product(owner=factories.seller(owner=owner)).variants.get()
    elsewhere = factories.seller().warehouses.get()
    body = gql(
        api,
        STOCKS_CREATE,
        {
            "variantId": to_global_id("ProductVariant", variant.pk),
            "stocks": [{"warehouse": to_global_id("Warehouse", elsewhere.pk), "quantity": 5}],
        },
        token_for(owner),
    )
    errors = body["data"]["productVariantStocksCreate"]["errors"]
    assert errors == [{"field": "warehouse", "code": "PERMISSION_DENIED", "index": 0}]
    assert Stock.objects.filter(warehouse=elsewhere).count() == 0


def test_it_refuses_to_create_a_stock_that_exists(db: Any, api: Client) -> None:
    owner = factories.user()
    seller = factories.seller(owner=owner)
    variant = factories.product(owner=seller).variants.get()
    body = gql(
        api,
        STOCKS_CREATE,
        {
            "variantId": to_global_id("ProductVariant", variant.pk),
            "stocks": [
                {"warehouse": to_global_id("Warehouse", seller.warehouses.get().pk), "quantity": 5}
            ],
        },
        token_for(owner),
    )
    errors = body["data"]["productVariantStocksCreate"]["errors"]
    assert errors == [{"field": "warehouse", "code": "UNIQUE", "index": 0}]
    assert Stock.objects.get(variant=variant).quantity == 10


CHANNEL_LISTING = """
mutation Publish($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) {
    product { id }
    errors { field code channels }
  }
}
"""

VARIANT_PRICE = """
mutation Price($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) {
    variant { id pricing { price { gross { amount currency } } } }
    errors { field code channels }
  }
}
"""

PRODUCTS = """
{ products(first: 10, channel: "default-channel") {
    edges { node { slug pricing { priceRange { start { gross { amount } } } } } } } }
"""


def test_it_publishes_and_prices_a_certified_product(db: Any, api: Client) -> None:
    # given my certified product that is not published and has no price yet
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner), published=False)
    variant = product.variants.get()
    ProductVariantChannelListing.objects.filter(variant=variant).delete()
    ProductChannelListing.objects.filter(product=product).delete()
    channel_id = to_global_id("Channel", factories.channel().pk)
    token = token_for(owner)
    # when I publish it in the channel and price its variant at 185.000 ₫
    publish = gql(
        api,
        CHANNEL_LISTING,
        {
            "id": to_global_id("Product", product.pk),
            "input": {"updateChannels": [{"channelId": channel_id, "isPublished": True}]},
        },
        token,
    )["data"]["productChannelListingUpdate"]
    price = gql(
        api,
        VARIANT_PRICE,
        {
            "id": to_global_id("ProductVariant", variant.pk),
            "input": [{"channelId": channel_id, "price": 185000}],
        },
        token,
    )["data"]["productVariantChannelListingUpdate"]
    # then both succeed and the storefront lists it at that price
    assert publish["errors"] == []
    assert price["errors"] == []
    assert price["variant"]["pricing"]["price"]["gross"] == {"amount": 185000, "currency": "VND"}
    edges = gql(api, PRODUCTS)["data"]["products"]["edges"]
    assert edges == [
        {
            "node": {
                "slug": product.slug,
                "pricing": {"priceRange": {"start": {"gross": {"amount": 185000}}}},
            }
        }
    ]


def test_it_names_the_refused_channel_listing_inputs_as_the_api_does(db: Any, api: Client) -> None:
    # given my product, another seller's variant and a channel
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    foreign = to_global_id("ProductVariant", factories.product().variants.get().pk)
    channel_id = to_global_id("Channel", factories.channel().pk)
    product_id = to_global_id("Product", product.pk)
    # when I list the channel twice, update and remove it at once, and add or remove a
    # variant that is not mine
    twice = {"channelId": channel_id, "isPublished": True}
    answers = [
        gql(api, CHANNEL_LISTING, {"id": product_id, "input": data}, token_for(owner))["data"][
            "productChannelListingUpdate"
        ]["errors"]
        for data in (
            {"updateChannels": [twice, twice]},
            {"updateChannels": [twice], "removeChannels": [channel_id]},
            {"updateChannels": [{"channelId": channel_id, "addVariants": [foreign]}]},
            {"updateChannels": [{"channelId": channel_id, "removeVariants": [foreign]}]},
        )
    ]
    # then each error names the input field as the API does (the domain names it in
    # snake_case)
    assert [[(e["field"], e["code"]) for e in errors] for errors in answers] == [
        [("updateChannels", "DUPLICATED_INPUT_ITEM")],
        [("removeChannels", "DUPLICATED_INPUT_ITEM")],
        [("addVariants", "NOT_PRODUCTS_VARIANT")],
        [("removeVariants", "NOT_PRODUCTS_VARIANT")],
    ]


def test_it_refuses_a_price_in_a_channel_the_product_is_not_in(db: Any, api: Client) -> None:
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    ProductChannelListing.objects.filter(product=product).delete()
    channel_id = to_global_id("Channel", factories.channel().pk)
    body = gql(
        api,
        VARIANT_PRICE,
        {
            "id": to_global_id("ProductVariant", product.variants.get().pk),
            "input": [{"channelId": channel_id, "price": 99000}],
        },
        token_for(owner),
    )
    errors = body["data"]["productVariantChannelListingUpdate"]["errors"]
    assert errors == [
        {"field": "channelId", "code": "PRODUCT_NOT_ASSIGNED_TO_CHANNEL", "channels": [channel_id]}
    ]
    assert ProductVariantChannelListing.objects.get().price_amount == 120_000


def test_it_refuses_a_fraction_of_a_dong(db: Any, api: Client) -> None:
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    channel_id = to_global_id("Channel", factories.channel().pk)
    body = gql(
        api,
        VARIANT_PRICE,
        {
            "id": to_global_id("ProductVariant", product.variants.get().pk),
            "input": [{"channelId": channel_id, "price": "99000.5"}],
        },
        token_for(owner),
    )
    errors = body["data"]["productVariantChannelListingUpdate"]["errors"]
    assert errors == [{"field": "price", "code": "INVALID", "channels": [channel_id]}]
    assert ProductVariantChannelListing.objects.get().price_amount == 120_000


def test_it_hides_a_suspended_sellers_products(db: Any, api: Client) -> None:
    # given a listed product, and an officer suspending its seller through the API
    product = factories.product()
    officer = factories.officer("11")
    body = gql(
        api,
        """mutation S($id: ID!) {
             sellerSuspend(id: $id, reason: "Kiểm tra") { errors { code } } }""",
        {"id": to_global_id("Seller", product.seller_id)},
        token_for(officer),
    )
    # then the product leaves the storefront
    assert body["data"]["sellerSuspend"]["errors"] == []
    assert (
        product.seller.__class__.objects.get(pk=product.seller_id).status == SellerStatus.SUSPENDED
    )
    assert gql(api, PRODUCTS)["data"]["products"]["edges"] == []
