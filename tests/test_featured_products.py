"""The home page's featured products: Saleor's storefront reads the collection with the slug
`featured-products`, sorted by the collection's own order (`ProductOrderField.COLLECTION`);
the demo has that collection, curated by its officer."""

from __future__ import annotations

from typing import Any

from django.test import Client

from catalog.models import Collection, CollectionProduct
from demo import content
from tests import factories
from tests.conftest import gql
from tests.helpers.saleor_ops import operation

BY_COLLECTION = {"field": "COLLECTION", "direction": "ASC"}


def _page(api: Client, slug: str, first: int, after: str | None = None, **extra: Any) -> Any:
    variables = {
        "slug": slug,
        "channel": "default-channel",
        "first": first,
        "after": after,
        "sortBy": BY_COLLECTION,
        "languageCode": "EN",
        **extra,
    }
    body = gql(api, operation("home", "FeaturedProducts"), variables)
    assert "errors" not in body, body
    return body["data"]["collection"]


def test_it_has_a_featured_products_collection_in_the_demo() -> None:
    # given the demo's collections
    featured = next(c for c in content.DEMO_COLLECTIONS if c.key == "featured-products")
    # when the home page's collection is read
    # then it is "Sản phẩm nổi bật" ("Featured products"), of twelve different products
    assert (featured.title, featured.title_en) == ("Sản phẩm nổi bật", "Featured products")
    assert len(featured.product_keys) == 12
    assert len(set(featured.product_keys)) == 12


def test_it_pages_a_collections_products_in_the_collections_order(db: Any, api: Client) -> None:
    # given a collection of three products placed out of alphabetical order
    shop = factories.seller()
    names = ["Trà xanh", "Mật ong", "Cà phê"]
    products = [factories.product(owner=shop, name=name) for name in names]
    collection = Collection.objects.create(name="Sản phẩm nổi bật", slug="featured-products")
    for position, product in enumerate(products):
        CollectionProduct.objects.create(
            collection=collection, product=product, sort_order=position
        )
    # when the storefront reads it by COLLECTION, two at a time
    first = _page(api, "featured-products", 2)
    second = _page(api, "featured-products", 2, first["products"]["pageInfo"]["endCursor"])
    # then the curated order holds across pages, and the count is the collection's
    assert [e["node"]["name"] for e in first["products"]["edges"]] == ["Trà xanh", "Mật ong"]
    assert first["products"]["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["name"] for e in second["products"]["edges"]] == ["Cà phê"]
    assert second["products"]["pageInfo"]["hasNextPage"] is False
    assert first["products"]["totalCount"] == 3


def test_it_serves_the_demos_featured_products_to_the_home_page(
    demo_catalog: Any, api: Client
) -> None:
    # given the demo catalogue
    featured = next(c for c in content.DEMO_COLLECTIONS if c.key == "featured-products")
    slugs = {p.key: p for p in content.DEMO_PRODUCTS}
    # when the storefront's home page asks for its twelve products
    shown = _page(api, "featured-products", 12)
    # then the officer's collection is published, translated, and in its curated order
    assert shown["name"] == "Sản phẩm nổi bật"
    assert shown["translation"] == {"name": "Featured products"}
    assert [e["node"]["name"] for e in shown["products"]["edges"]] == [
        slugs[key].name for key in featured.product_keys
    ]
    assert shown["products"]["totalCount"] == 12
    collection = Collection.objects.get(slug="featured-products")
    assert (collection.is_published, collection.is_featured) == (True, True)
    assert collection.curated_by is not None
    assert collection.curated_by.email == "officer@ocop.test"
