"""`Query.productVariants` (Saleor's `ids`, `filter`, `where`, `search`, `sortBy` and paging;
sort by name, SKU and price as OCOP extensions) and `ProductVariant.media` (the product's
gallery, which every variant shows)."""

from __future__ import annotations

from typing import Any

import graphene
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import ProductVariant
from tests import factories
from tests.conftest import gql
from tests.helpers.saleor_ops import operation

_PNG = factories.image_bytes()


@pytest.fixture
def media_on_disk(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def _variants(api: Client, **variables: Any) -> dict[str, Any]:
    variables = {"channel": "default-channel", **variables}
    body = gql(api, operation("variants", "VariantList"), variables)
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]["productVariants"]
    return found


def _skus(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["sku"] for edge in page["edges"]]


def _gid(variant: ProductVariant) -> str:
    return graphene.Node.to_global_id("ProductVariant", variant.pk)


def _shop() -> dict[str, ProductVariant]:
    """Honey (two jars, 120.000 ₫ and 121.000 ₫), tea (80.000 ₫) and an unlisted product."""
    shop = factories.seller()
    honey = factories.product(owner=shop, name="Mật ong hoa ban", price=120_000, variants=2)
    tea = factories.product(owner=shop, name="Chè Shan tuyết", price=80_000)
    hidden = factories.product(owner=shop, name="Gạo chưa duyệt", cert_status="pending")
    jar, bottle = honey.variants.order_by("pk")
    return {
        "jar": jar,
        "bottle": bottle,
        "tea": tea.variants.get(),
        "hidden": hidden.variants.get(),
    }


def test_it_lists_the_variants_of_listed_products_only(db: Any, api: Client) -> None:
    # given two listed products (three variants) and one with an unverified certificate
    shop = _shop()
    # when every variant is asked for, by SKU
    page = _variants(api, first=10, sortBy={"field": "SKU", "direction": "ASC"})
    # then the listed products' three variants come back, priced, the unlisted one not
    assert page["totalCount"] == 3
    assert _skus(page) == sorted([shop["jar"].sku, shop["bottle"].sku, shop["tea"].sku])
    prices = {e["node"]["sku"]: e["node"]["pricing"]["price"]["gross"] for e in page["edges"]}
    assert prices[shop["tea"].sku] == {"amount": 80_000.0, "currency": "VND"}


@pytest.mark.parametrize(
    ("field", "direction", "expected"),
    [
        ("PRICE", "ASC", ["tea", "jar", "bottle"]),
        ("PRICE", "DESC", ["bottle", "jar", "tea"]),
        ("NAME", "ASC", ["tea", "jar", "bottle"]),
    ],
)
def test_it_sorts_variants_and_pages_them_by_cursor(
    db: Any, api: Client, field: str, direction: str, expected: list[str]
) -> None:
    # given three variants
    shop = _shop()
    order = {"field": field, "direction": direction}
    # when they are read two at a time in the asked order
    first = _variants(api, first=2, sortBy=order)
    rest = _variants(api, first=2, after=first["pageInfo"]["endCursor"], sortBy=order)
    # then the pages follow each other in that order
    assert _skus(first) + _skus(rest) == [shop[key].sku for key in expected]
    assert first["pageInfo"]["hasNextPage"] is True
    assert rest["pageInfo"]["hasNextPage"] is False


def test_it_filters_by_ids_sku_where_and_search(db: Any, api: Client) -> None:
    # given three variants
    shop = _shop()
    # when each of Saleor's filters is used
    by_ids = _variants(api, first=10, ids=[_gid(shop["tea"]), _gid(shop["hidden"])])
    by_sku = _variants(api, first=10, filter={"sku": [shop["jar"].sku]})
    where = _variants(
        api,
        first=10,
        where={"OR": [{"sku": {"eq": shop["tea"].sku}}, {"ids": [_gid(shop["bottle"])]}]},
    )
    by_sku_order = {"field": "SKU", "direction": "ASC"}
    searched = _variants(api, first=10, search="mat ong", sortBy=by_sku_order)
    # then each narrows the list exactly (the unlisted variant never shows)
    assert _skus(by_ids) == [shop["tea"].sku]
    assert _skus(by_sku) == [shop["jar"].sku]
    assert sorted(_skus(where)) == sorted([shop["tea"].sku, shop["bottle"].sku])
    assert _skus(searched) == sorted([shop["jar"].sku, shop["bottle"].sku])


def test_it_refuses_an_id_of_another_type(db: Any, api: Client) -> None:
    # given a product id where a variant id is expected
    product = factories.product()
    body = gql(
        api,
        operation("variants", "VariantList"),
        {"first": 5, "ids": [graphene.Node.to_global_id("Product", product.pk)]},
    )
    # then Saleor's invalid-id error names the expected type
    product_id = graphene.Node.to_global_id("Product", product.pk)
    assert [e["message"] for e in body["errors"]] == [
        f"Invalid ID: {product_id}. Expected: ProductVariant."
    ]


def test_it_shows_the_products_gallery_on_each_variant(
    db: Any, api: Client, media_on_disk: None
) -> None:
    # given a product of two variants with one photo, and one without any photo
    honey = factories.product(name="Mật ong hoa ban", variants=2, image=_PNG)
    bare = factories.product(name="Chè", variants=1)
    jar = honey.variants.order_by("pk").first()
    # when a variant's media is read alone and through its product
    body = gql(
        api,
        operation("variants", "VariantMedia"),
        {"id": _gid(jar), "slug": honey.slug, "channel": "default-channel"},
    )
    bare_body = gql(
        api,
        operation("variants", "VariantMedia"),
        {"id": _gid(bare.variants.get()), "slug": bare.slug, "channel": "default-channel"},
    )
    # then each variant shows the product's photo; a product without photos has none
    shown = body["data"]["productVariant"]["media"]
    assert [(m["alt"], m["type"]) for m in shown] == [("Mật ong hoa ban", "IMAGE")]
    assert shown[0]["url"].startswith("http://testserver/media/")
    assert [v["media"] for v in body["data"]["product"]["variants"]] == [
        [{"alt": "Mật ong hoa ban"}],
        [{"alt": "Mật ong hoa ban"}],
    ]
    assert bare_body["data"]["productVariant"]["media"] == []


def _count(api: Client, first: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = _variants(api, first=first, sortBy={"field": "PRICE", "direction": "ASC"})
    assert len(page["edges"]) == first
    return len(captured.captured_queries)


def test_it_issues_the_same_number_of_queries_for_1_and_100_variants(
    db: Any, api: Client, media_on_disk: None
) -> None:
    # given 50 products of two variants each, with photos, across several sellers
    sellers = [factories.seller() for _ in range(5)]
    for i in range(50):
        factories.product(owner=sellers[i % 5], variants=2, image=_PNG)
    # when 1 and then 100 variants are listed with prices, stock, media and product
    one, hundred = _count(api, 1), _count(api, 100)
    # then the number of SQL queries does not grow with the page size
    assert one == hundred
