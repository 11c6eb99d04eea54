"""The listing rule requires a price in the channel: a certified, published product that
nobody can buy is not listed (it was shown with `pricing: null`) — not in the catalog, not
in search, not in carts (issue 9, "Listing rule gaps")."""

from __future__ import annotations

from typing import Any

from django.test import Client
from graphql_relay import to_global_id

from catalog.listed import refresh_listed
from catalog.listing import is_listable, listable_products
from catalog.models import Channel, Product, ProductVariantChannelListing
from checkout.models import Checkout
from search.indexer import Lookups, load_sources
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.checkout import create_checkout

PRODUCTS = """
query Products {
  products(first: 20, channel: "default-channel") {
    totalCount
    edges { node { id pricing { priceRange { start { gross { amount } } } } } }
  }
}
"""
PRODUCT = """
query Product($id: ID!) { product(id: $id, channel: "default-channel") { id } }
"""
SEARCH = """
query Search($q: String!) {
  searchProducts(query: $q, channel: "default-channel", first: 10) {
    totalCount results { edges { node { id } } }
  }
}
"""


def unpriced_product(owner: Any = None) -> Product:
    """Certified 4★, published in the channel, its seller approved — but no price."""
    product = factories.product(owner=owner, name="Mật ong chưa có giá")
    ProductVariantChannelListing.objects.filter(variant__product=product).delete()
    refresh_listed([product.pk])  # the record follows what was changed behind the domain
    return product


def test_it_does_not_list_a_certified_product_without_a_price(db: Any) -> None:
    # given a certified, published product without any price, and a priced one
    unpriced = unpriced_product()
    priced = factories.product()
    # when the listing rule is applied
    listed = set(listable_products(factories.channel()))
    # then only the priced product is listed
    assert listed == {priced}
    assert not is_listable(unpriced, factories.channel())


def test_it_does_not_list_a_product_priced_only_in_another_channel(db: Any) -> None:
    # given a product whose only price is in another channel
    product = unpriced_product()
    other = Channel.objects.create(name="Kênh khác", slug="kenh-khac", currency_code="VND")
    ProductVariantChannelListing.objects.create(
        variant=product.variants.get(), channel=other, price_amount=120_000
    )
    # then it is not listed in the default channel
    assert not is_listable(product, factories.channel())


def test_it_lists_a_product_once_one_variant_has_a_price(db: Any) -> None:
    # given a two-variant product with a price for the second variant only
    product = factories.product(variants=2)
    first, _second = product.variants.order_by("pk")
    ProductVariantChannelListing.objects.filter(variant=first).delete()
    # then it is listed (the first variant is refused in carts on its own)
    assert is_listable(product, factories.channel())


def test_it_hides_an_unpriced_product_from_the_catalog_and_search(db: Any, api: Client) -> None:
    # given an unpriced certified product next to a priced one
    unpriced = unpriced_product()
    priced = factories.product()
    # when anyone browses, opens it, or searches for it (PostgreSQL search here)
    products = gql(api, PRODUCTS)["data"]["products"]
    opened = gql(api, PRODUCT, {"id": to_global_id("Product", unpriced.pk)})
    found = gql(api, SEARCH, {"q": "mật ong chưa có giá"})["data"]["searchProducts"]
    # then only the priced product appears, never with `pricing: null`
    assert products["totalCount"] == 1
    (edge,) = products["edges"]
    assert edge["node"]["id"] == to_global_id("Product", priced.pk)
    assert edge["node"]["pricing"]["priceRange"]["start"]["gross"]["amount"] == 120_000
    assert opened == {"data": {"product": None}}
    assert found["totalCount"] == 0
    assert found["results"]["edges"] == []


def test_it_leaves_an_unpriced_product_out_of_the_search_index(db: Any) -> None:
    # given an unpriced certified product
    product = unpriced_product()
    # when the indexer loads what to index
    sources = load_sources(factories.channel(), [product.pk], Lookups.load())
    # then there is nothing to index for it
    assert sources == []
    # and once priced it is indexed
    ProductVariantChannelListing.objects.create(
        variant=product.variants.get(), channel=factories.channel(), price_amount=95_000
    )
    assert [source.product_id for source in load_sources(factories.channel(), [product.pk])] == [
        product.pk
    ]


def test_it_refuses_an_unpriced_product_in_a_cart(db: Any, api: Client) -> None:
    # given an unpriced certified product
    variant = unpriced_product().variants.get()
    # when a buyer puts it in a new cart
    created = create_checkout(api, [(variant, 1)])
    # then it is refused as not for sale, and no cart is made
    assert created["checkout"] is None
    assert [(e["code"], e["variants"]) for e in created["errors"]] == [
        ("PRODUCT_NOT_PUBLISHED", [to_global_id("ProductVariant", variant.pk)])
    ]
    assert Checkout.objects.count() == 0


def test_it_lists_the_product_when_its_seller_sets_a_price(db: Any, api: Client) -> None:
    # given my unpriced certified product
    owner = factories.user()
    product = unpriced_product(owner=factories.seller(owner=owner))
    assert gql(api, PRODUCTS)["data"]["products"]["totalCount"] == 0
    # when I price its variant in the channel
    body = gql(
        api,
        """
        mutation Price($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
          productVariantChannelListingUpdate(id: $id, input: $input) { errors { field code } }
        }
        """,
        {
            "id": to_global_id("ProductVariant", product.variants.get().pk),
            "input": [
                {"channelId": to_global_id("Channel", factories.channel().pk), "price": 135_000}
            ],
        },
        token_for(owner),
    )
    assert body["data"]["productVariantChannelListingUpdate"]["errors"] == []
    # then it is listed, with its price
    products = gql(api, PRODUCTS)["data"]["products"]
    assert products["totalCount"] == 1
    price = products["edges"][0]["node"]["pricing"]["priceRange"]["start"]["gross"]["amount"]
    assert price == 135_000
