"""Catalogue translations through the API (issue 14): `translation(languageCode:)` on
products, variants, categories and collections, `slugLanguageCode`, and `productTranslate`
with its authorization matrix."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import (
    Category,
    CategoryTranslation,
    Collection,
    CollectionProduct,
    CollectionTranslation,
    ProductTranslation,
    ProductVariantTranslation,
)
from catalog.translations import do_translate_product
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.saleor_ops import operation

PRODUCT = operation("translations", "TranslatedProduct")
PRODUCTS = operation("translations", "TranslatedProductList")
CATEGORY = operation("translations", "TranslatedCategory")
CATEGORIES = operation("translations", "TranslatedCategories")
COLLECTION = operation("translations", "TranslatedCollection")
TRANSLATE = operation("translations", "TranslateProduct")


def _gid(kind: str, pk: Any) -> str:
    import graphene

    return graphene.Node.to_global_id(kind, pk)


def _translated_product(**extra: Any) -> Any:
    product = factories.product(name="Mật ong hoa ban")
    do_translate_product(
        product,
        "en",
        {
            "name": "Bauhinia honey",
            "slug": "bauhinia-honey",
            "description": "Pale gold honey.",
            "seo_title": "Bauhinia honey from Điện Biên",
            "seo_description": "Honey of the bauhinia forest.",
            **extra,
        },
    )
    return product


def _product_query(api: Client, slug: str, code: str) -> Any:
    variables = {"slug": slug, "channel": "default-channel", "languageCode": code}
    body = gql(api, PRODUCT, variables)
    assert "errors" not in body, body
    return body["data"]["product"]


def test_it_reads_a_products_english_translation(db: Any, api: Client) -> None:
    # given a product translated into English
    product = _translated_product()
    translation = ProductTranslation.objects.get(product=product)
    # when the storefront reads it in English
    node = _product_query(api, product.slug, "EN")
    # then the translation is Saleor's shape, its description EditorJS
    assert node["name"] == "Mật ong hoa ban"
    assert node["translation"] == {
        "id": _gid("ProductTranslation", translation.pk),
        "slug": "bauhinia-honey",
        "name": "Bauhinia honey",
        "description": json.dumps(
            {
                "time": 0,
                "blocks": [{"id": "p0", "type": "paragraph", "data": {"text": "Pale gold honey."}}],
                "version": "2.24.3",
            }
        ),
        "seoTitle": "Bauhinia honey from Điện Biên",
        "seoDescription": "Honey of the bauhinia forest.",
        "language": {"code": "EN", "language": "English"},
    }
    # and the English text is mirrored on the product row for search and the web cards
    product.refresh_from_db()
    assert (product.name_en, product.description_en) == ("Bauhinia honey", "Pale gold honey.")


def test_it_answers_null_for_a_language_nobody_translated_into(db: Any, api: Client) -> None:
    # given a product translated into English only
    product = _translated_product()
    # when it is read in French, and in Vietnamese (the product's own text)
    french = _product_query(api, product.slug, "FR")
    vietnamese = _product_query(api, product.slug, "VI")
    # then there is no translation: storefronts fall back to the name
    assert french["translation"] is None
    assert vietnamese["translation"] is None
    assert french["name"] == "Mật ong hoa ban"


def test_it_finds_a_product_by_its_translated_slug_and_still_by_its_own(
    db: Any, api: Client
) -> None:
    # given a product whose English slug differs from its Vietnamese one
    product = _translated_product()
    # when it is looked up by each slug
    by_english = _product_query(api, "bauhinia-honey", "EN")
    by_vietnamese = _product_query(api, product.slug, "EN")
    in_french = _product_query(api, "bauhinia-honey", "FR")
    # then both slugs resolve in English; the English slug means nothing in French
    assert by_english["id"] == by_vietnamese["id"] == _gid("Product", product.pk)
    assert in_french is None


def test_it_reads_variant_translations_falling_back_to_the_variant_name(
    db: Any, api: Client
) -> None:
    # given a product of two variants, one translated into English
    product = factories.product(variants=2)
    first, second = product.variants.order_by("pk")
    row = ProductVariantTranslation.objects.create(variant=first, language_code="en", name="Jar")
    ProductVariantTranslation.objects.create(variant=second, language_code="en", name="")
    # when the variants are read in English
    node = _product_query(api, product.slug, "EN")
    # then the translated name, and the variant's own where the translation is empty
    assert [v["translation"] for v in node["variants"]] == [
        {
            "id": _gid("ProductVariantTranslation", row.pk),
            "name": "Jar",
            "language": {"code": "EN"},
        },
        {
            "id": _gid("ProductVariantTranslation", row.pk + 1),
            "name": second.name,
            "language": {"code": "EN"},
        },
    ]
    # and the media type is Saleor's enum
    assert node["media"] == []


def test_it_finds_categories_and_collections_by_translated_slug(db: Any, api: Client) -> None:
    # given a category and a collection with English translations
    category = Category.objects.create(name="Mật ong", slug="mat-ong")
    CategoryTranslation.objects.create(
        category=category, language_code="en", name="Honey", slug="honey", seo_title="Honey"
    )
    collection = Collection.objects.create(name="Quà Tết", slug="qua-tet")
    CollectionProduct.objects.create(collection=collection, product=factories.product())
    CollectionTranslation.objects.create(
        collection=collection, language_code="en", name="Tết gifts", slug="tet-gifts"
    )
    # when each is looked up by its English slug
    found_category = gql(api, CATEGORY, {"slug": "honey", "languageCode": "EN"})["data"]
    found_collection = gql(
        api,
        COLLECTION,
        {"slug": "tet-gifts", "channel": "default-channel", "languageCode": "EN"},
    )["data"]
    # then they resolve, with their translations
    assert found_category["category"]["slug"] == "mat-ong"
    assert found_category["category"]["translation"] == {
        "id": _gid("CategoryTranslation", category.translations.get().pk),
        "slug": "honey",
        "name": "Honey",
        "description": None,
        "seoTitle": "Honey",
        "seoDescription": None,
        "language": {"code": "EN", "language": "English"},
    }
    assert found_collection["collection"]["slug"] == "qua-tet"
    assert found_collection["collection"]["translation"]["name"] == "Tết gifts"
    # and the Vietnamese slug still works with a language given
    again = gql(api, CATEGORY, {"slug": "mat-ong", "languageCode": "EN"})["data"]
    assert again["category"]["id"] == found_category["category"]["id"]


def _list_queries(api: Client, first: int) -> int:
    variables = {"first": first, "channel": "default-channel", "languageCode": "EN"}
    with CaptureQueriesContext(connection) as captured:
        body = gql(api, PRODUCTS, variables)
    assert "errors" not in body, body
    edges = body["data"]["products"]["edges"]
    assert len(edges) == first
    assert all(e["node"]["translation"]["name"].startswith("Honey ") for e in edges)
    return len(captured.captured_queries)


def test_it_reads_translations_of_100_products_in_as_many_queries_as_of_1(
    db: Any, api: Client
) -> None:
    # given 100 products, each with its category, variant and product translated
    category = Category.objects.create(name="Mật ong", slug="mat-ong")
    CategoryTranslation.objects.create(category=category, language_code="en", name="Honey")
    seller = factories.seller()
    for i in range(100):
        product = factories.product(owner=seller)
        product.category = category
        product.save(update_fields=["category"])
        ProductTranslation.objects.create(
            product=product, language_code="en", name=f"Honey {i}", slug=f"honey-{i}"
        )
        ProductVariantTranslation.objects.create(
            variant=product.variants.get(), language_code="en", name="Jar"
        )
    # when the list asks for 1 and then for 100
    one, hundred = _list_queries(api, 1), _list_queries(api, 100)
    # then the translations cost no query per product
    assert one == hundred


def test_it_reads_category_translations_of_a_page_in_one_query(db: Any, api: Client) -> None:
    # given 30 categories with English names
    for i in range(30):
        category = Category.objects.create(name=f"Nhóm {i:02}", slug=f"nhom-{i}")
        CategoryTranslation.objects.create(category=category, language_code="en", name=f"G{i}")
    counts = []
    for first in (1, 30):
        # when a page of them is read in English
        with CaptureQueriesContext(connection) as captured:
            body = gql(api, CATEGORIES, {"first": first, "languageCode": "EN"})
        assert len(body["data"]["categories"]["edges"]) == first
        counts.append(len(captured.captured_queries))
    # then the count does not grow with the page
    assert counts[0] == counts[1]


def _translate(api: Client, product: Any, token: str | None, **variables: Any) -> Any:
    data = {
        "id": _gid("Product", product.pk),
        "languageCode": "EN",
        "input": {"name": "Bauhinia honey", "slug": "bauhinia-honey"},
        **variables,
    }
    body = gql(api, TRANSLATE, data, token=token)
    assert "errors" not in body, body
    return body["data"]["productTranslate"]


def test_it_lets_the_sellers_staff_and_the_provinces_officer_translate(
    db: Any, api: Client
) -> None:
    # given a product of a Điện Biên stall, its owner and an officer of Điện Biên
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner, province_code="11"))
    officer = factories.officer("11")
    # when the owner translates it, then the officer corrects the SEO title
    first = _translate(api, product, token_for(owner))
    second = _translate(api, product, token_for(officer), input={"seoTitle": "Honey of Điện Biên"})
    # then both are saved, the officer's change keeping the owner's fields
    assert first["errors"] == []
    assert second["errors"] == []
    assert second["product"]["translation"] == {
        "name": "Bauhinia honey",
        "slug": "bauhinia-honey",
        "seoTitle": "Honey of Điện Biên",
        "seoDescription": None,
        "description": None,
        "language": {"code": "EN"},
    }


def test_it_refuses_everyone_else_and_writes_nothing(db: Any, api: Client) -> None:
    # given a product of a Điện Biên stall, and everyone who may not translate it
    product = factories.product(owner=factories.seller(owner=factories.user(), province_code="11"))
    other_owner = factories.user()
    factories.seller(owner=other_owner)
    callers = {
        "anonymous": None,
        "customer": factories.user(),
        "other seller": other_owner,
        "officer of An Giang": factories.officer("91"),
    }
    for who, user in callers.items():
        # when they try to translate it
        payload = _translate(api, product, token_for(user) if user else None)
        # then they are refused
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [
            (None if who == "anonymous" else "id", "PERMISSION_DENIED")
        ], who
        assert payload["product"] is None
    # and nothing was written
    assert ProductTranslation.objects.count() == 0
    product.refresh_from_db()
    assert product.name_en == ""


def test_it_refuses_bad_input_in_the_callers_language_and_writes_nothing(
    db: Any, api: Client
) -> None:
    # given an owner, their product, and another product holding the English slug "honey"
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    _translated_product(slug="honey")
    token = token_for(owner)
    cases = [
        ({"languageCode": "VI"}, [("languageCode", "INVALID")]),
        ({"input": {"slug": "Not A Slug"}}, [("slug", "INVALID")]),
        ({"input": {"slug": "honey"}}, [("slug", "UNIQUE")]),
        (
            {"input": {"name": "x" * 251, "seoTitle": "t" * 71}},
            [("name", "INVALID"), ("seoTitle", "INVALID")],
        ),
    ]
    for variables, expected in cases:
        # when the owner sends it
        payload = _translate(api, product, token, **variables)
        # then the errors name the fields, Saleor-style
        assert [(e["field"], e["code"]) for e in payload["errors"]] == expected, variables
    # and the messages follow the request's language (Vietnamese by default)
    payload = _translate(api, product, token, input={"slug": "honey"})
    assert payload["errors"][0]["message"] == "Slug đã được dùng."
    # and nothing of the product was written
    assert ProductTranslation.objects.filter(product=product).count() == 0
