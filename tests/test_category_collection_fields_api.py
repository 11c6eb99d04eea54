"""Categories and collections in Saleor's shape (issue 14): SEO fields, a banner, the
filter/where/sortBy/search of their products, and `categories(filter:)`."""

from __future__ import annotations

import datetime
from typing import Any

import graphene
import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from catalog.label_facts import do_save_facts
from catalog.listed import refresh_listed
from catalog.models import Category, Collection, CollectionProduct, Product
from tests import factories
from tests.conftest import gql
from tests.helpers.saleor_ops import operation

CHANNEL = "default-channel"


@pytest.fixture
def media(settings: Any) -> str:
    return factories.isolate_media(settings)


def _in(category: Category, name: str, price: int, material: str = "") -> Product:
    product = factories.product(name=name, price=price)
    Product.objects.filter(pk=product.pk).update(category=category)
    refresh_listed([product.pk])  # the record follows what was changed behind the domain
    product.refresh_from_db()
    if material:
        do_save_facts(product, {"material": material})
    return product


def _crafts() -> tuple[Category, list[Product]]:
    crafts = Category.objects.create(name="Thủ công mỹ nghệ", name_en="Handicrafts", slug="tc")
    pottery = Category.objects.create(name="Gốm sứ", name_en="Ceramics", slug="gom", parent=crafts)
    made = [
        _in(crafts, "Giỏ tre", 150_000, "Tre"),
        _in(pottery, "Ấm gốm", 450_000, "Gốm men lam"),
        _in(crafts, "Khăn lụa", 300_000, "Lụa"),
    ]
    return crafts, made


def _category_page(api: Client, **variables: Any) -> dict[str, Any]:
    body = gql(
        api,
        operation("attributes", "CategoryProducts"),
        {"slug": "tc", "channel": CHANNEL, "first": 10, **variables},
    )
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]["category"]
    return found


def _slugs(page: dict[str, Any]) -> list[str]:
    return [e["node"]["slug"] for e in page["products"]["edges"]]


def test_it_falls_back_to_the_name_and_description_for_seo_and_has_no_banner(
    db: Any, api: Client
) -> None:
    # given a category with neither SEO fields nor a banner
    _crafts()
    Category.objects.filter(slug="tc").update(description="Đồ thủ công " + "x" * 400)
    # when read
    category = _category_page(api)
    # then its name and the description's first 300 characters stand in; no banner
    assert category["seoTitle"] == "Thủ công mỹ nghệ"
    assert category["seoDescription"] == ("Đồ thủ công " + "x" * 400)[:300]
    assert category["backgroundImage"] is None


def test_it_serves_the_seo_fields_and_banner_a_category_and_collection_are_given(
    db: Any, api: Client, media: str
) -> None:
    # given a category and a collection with SEO fields and a banner each
    crafts, made = _crafts()
    crafts.seo_title, crafts.seo_description = "Thủ công OCOP", "Quà tặng làm tay"
    crafts.background_image_alt = "Làng nghề"
    crafts.background_image.save("banner.png", ContentFile(factories.image_bytes()), save=True)
    collection = Collection.objects.create(
        name="Quà Tết", slug="qua-tet", seo_title="Quà Tết OCOP", seo_description="Giỏ quà"
    )
    collection.background_image.save("tet.png", ContentFile(factories.image_bytes()), save=True)
    CollectionProduct.objects.create(collection=collection, product=made[0])
    # when read
    category = _category_page(api)
    body = gql(
        api,
        operation("attributes", "CollectionProducts"),
        {"slug": "qua-tet", "channel": CHANNEL, "first": 5},
    )
    # then they are served, the banner by its absolute URL with its alt (or the name)
    assert category["seoTitle"] == "Thủ công OCOP"
    assert category["seoDescription"] == "Quà tặng làm tay"
    assert category["backgroundImage"]["alt"] == "Làng nghề"
    # (resized, as the storefront asks for a size: catalog.banner_thumbnails)
    assert category["backgroundImage"]["url"] == (
        f"http://testserver/thumbnail/banner/category/{crafts.pk}/1024/webp/"
    )
    found = body["data"]["collection"]
    assert found["seoTitle"] == "Quà Tết OCOP"
    assert found["seoDescription"] == "Giỏ quà"
    assert found["backgroundImage"]["alt"] == "Quà Tết"
    assert "/collection-backgrounds/tet" in found["backgroundImage"]["url"]
    assert found["products"]["totalCount"] == 1


def test_it_filters_sorts_and_searches_a_categorys_products(db: Any, api: Client) -> None:
    # given three crafts, one in a sub-category
    _crafts_category, (basket, teapot, scarf) = _crafts()
    by_price = {"field": "PRICE", "direction": "DESC"}
    # when the category's products are sorted, filtered, narrowed by where, searched
    everything = _category_page(api, sortBy=by_price)
    cheap = _category_page(api, filter={"price": {"lte": 300_000}}, sortBy=by_price)
    bamboo = _category_page(api, filter={"attributes": [{"slug": "material", "values": ["tre"]}]})
    named = _category_page(api, where={"slug": {"oneOf": [scarf.slug, teapot.slug]}})
    searched = _category_page(api, search="gom")
    # then each answers exactly its products, the sub-category's included
    assert _slugs(everything) == [teapot.slug, scarf.slug, basket.slug]
    assert everything["products"]["totalCount"] == 3
    assert _slugs(cheap) == [scarf.slug, basket.slug]
    assert _slugs(bamboo) == [basket.slug]
    assert sorted(_slugs(named)) == sorted([scarf.slug, teapot.slug])
    assert _slugs(searched) == [teapot.slug]


def test_it_filters_a_collections_products(db: Any, api: Client) -> None:
    # given a collection of two of the crafts
    _category, (basket, _teapot, scarf) = _crafts()
    collection = Collection.objects.create(name="Quà", slug="qua")
    for position, product in enumerate((basket, scarf)):
        CollectionProduct.objects.create(
            collection=collection, product=product, sort_order=position
        )
    query = operation("attributes", "CollectionProducts")
    base = {"slug": "qua", "channel": CHANNEL, "first": 5}
    # when its products are sorted and filtered
    by_name = gql(api, query, {**base, "sortBy": {"field": "NAME", "direction": "ASC"}})
    silk = gql(
        api, query, {**base, "filter": {"attributes": [{"slug": "material", "values": ["lua"]}]}}
    )
    where = gql(api, query, {**base, "where": {"price": {"range": {"gte": 200_000}}}})
    # then only the collection's products answer, as asked
    assert _slugs(by_name["data"]["collection"]) == [basket.slug, scarf.slug]
    assert _slugs(silk["data"]["collection"]) == [scarf.slug]
    assert _slugs(where["data"]["collection"]) == [scarf.slug]


def test_it_filters_categories_by_search_slugs_ids_and_update_time(db: Any, api: Client) -> None:
    # given the crafts tree and a honey category
    crafts, _made = _crafts()
    honey = Category.objects.create(name="Mật ong", name_en="Honey", slug="mat-ong")
    query = operation("attributes", "CategoryList")

    def slugs(**flt: Any) -> list[str]:
        body = gql(api, query, {"first": 20, "filter": flt})
        assert "errors" not in body, body
        return [e["node"]["slug"] for e in body["data"]["categories"]["edges"]]

    # when filtering by a search without accents, in English, by slugs, ids and time
    crafts_id = graphene.Node.to_global_id("Category", crafts.pk)
    Category.objects.filter(pk=honey.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    # then each finds exactly its categories
    assert slugs(search="mat ong") == ["mat-ong"]
    assert slugs(search="ceramics") == ["gom"]
    assert slugs(slugs=["gom", "mat-ong"]) == ["mat-ong", "gom"]
    assert slugs(ids=[crafts_id]) == ["tc"]
    assert slugs(updatedAt={"gte": since}) == ["tc", "gom"]
    bad = gql(api, query, {"first": 5, "filter": {"ids": ["UHJvZHVjdDox"]}})
    assert bad["errors"][0]["message"] == "Invalid ID: UHJvZHVjdDox. Expected: Category."
