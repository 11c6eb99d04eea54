"""Saleor's attribute fields over the label facts (issue 14): a product's
assignedAttribute(s) and attributes, its variants' option and media, `attributes`, and
the `attributes` filter of `products`; run through our own Saleor-shaped operations."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.label_facts import do_save_facts
from catalog.models import Attribute, Category, Product
from tests import factories
from tests.conftest import gql
from tests.helpers.saleor_ops import operation

CHANNEL = "default-channel"


def _category(name: str, name_en: str, parent: Category | None = None) -> Category:
    slug = f"{name_en.lower().replace(' ', '-')}-{Category.objects.count()}"
    return Category.objects.create(name=name, name_en=name_en, slug=slug, parent=parent)


def _honey(**facts: str) -> Product:
    honey = _category("Mật ong", "Honey", parent=_category("Thực phẩm", "Food"))
    product = factories.product(variants=2)
    Product.objects.filter(pk=product.pk).update(category=honey)
    product.refresh_from_db()
    do_save_facts(product, facts)
    return product


def _craft(material: str, size: str = "") -> Product:
    crafts = _category("Thủ công mỹ nghệ", "Handicrafts")
    product = factories.product()
    Product.objects.filter(pk=product.pk).update(category=crafts)
    product.refresh_from_db()
    do_save_facts(product, {"material": material, **({"size": size} if size else {})})
    return product


def _attributes(api: Client, product: Product, language: str = "EN") -> dict[str, Any]:
    variables = {"slug": product.slug, "channel": CHANNEL, "languageCode": language}
    body = gql(api, operation("attributes", "ProductAttributes"), variables)
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]["product"]
    return found


def test_it_shows_a_foods_label_facts_as_plain_text_attributes_in_order(
    db: Any, api: Client
) -> None:
    # given a honey whose label states its net content, ingredients and storage
    honey = _honey(storage="Nơi khô mát", net_content="500 g", ingredients="Mật ong hoa ban")
    # when the storefront reads its attributes in English
    product = _attributes(api, honey)
    # then they come in the attributes' order, as plain text with their English names
    assigned = product["assignedAttributes"]
    assert [a["attribute"]["slug"] for a in assigned] == ["net_content", "ingredients", "storage"]
    assert [a["plainText"] for a in assigned] == ["500 g", "Mật ong hoa ban", "Nơi khô mát"]
    assert [a["attribute"]["translation"]["name"] for a in assigned] == [
        "Net weight or volume",
        "Ingredients",
        "Storage",
    ]
    net = assigned[0]["attribute"]
    assert net["name"] == "Khối lượng hoặc thể tích tịnh"
    assert net["inputType"] == "PLAIN_TEXT"
    assert net["type"] == "PRODUCT_TYPE"
    assert net["filterableInStorefront"] is True
    assert net["withChoices"] is False
    assert net["translation"]["language"] == {"code": "EN", "language": "English"}
    # a label fact has no English text of its own: its translation is empty
    assert [a["plainTextTranslation"] for a in assigned] == [None, None, None]
    # and the limit, the absent material and an attribute we do not have
    assert [a["attribute"]["slug"] for a in product["firstTwo"]] == ["net_content", "ingredients"]
    assert product["material"] is None
    assert product["bestseller"] is None


def test_it_reads_a_crafts_materials_as_choices_with_their_english_names(
    db: Any, api: Client
) -> None:
    # given a conical hat of palm leaf on a bamboo rim, typed without accents in part
    hat = _craft("La non, vành tre", size="Đường kính 40 cm")
    # when the storefront asks for its material
    product = _attributes(api, hat)
    # then the material is a multi-choice attribute naming both known materials
    material = product["material"]
    assert material["attribute"]["inputType"] == "MULTISELECT"
    assert material["attribute"]["withChoices"] is True
    assert material["choices"] == [
        {"name": "Tre", "slug": "tre", "translation": "Bamboo"},
        {"name": "Lá nón", "slug": "la-non", "translation": "Palm leaf"},
    ]
    # and the deprecated list says the same as values, with their ids and translations
    selected = {s["attribute"]["slug"]: s["values"] for s in product["attributes"]}
    assert [v["slug"] for v in selected["material"]] == ["tre", "la-non"]
    assert selected["material"][0]["translation"]["name"] == "Bamboo"
    assert selected["material"][0]["translation"]["language"] == {"code": "EN"}
    assert selected["size"][0]["plainText"] == "Đường kính 40 cm"
    assert selected["size"][0]["translation"] is None


def test_it_keeps_an_unknown_material_as_the_sellers_own_choice(db: Any, api: Client) -> None:
    # given a craft of a material we have no choice for
    basket = _craft("Sợi chuối")
    # when read
    material = _attributes(api, basket, language="VI")["material"]
    # then the seller's word is the one choice, without a translation
    assert material["choices"] == [{"name": "Sợi chuối", "slug": "soi-chuoi", "translation": None}]


def test_it_pages_a_products_variants_with_their_option_as_the_selection_attribute(
    db: Any, api: Client
) -> None:
    # given a honey sold in two jars
    honey = _honey(net_content="500 g")
    # when the storefront pages its variants one at a time
    variables = {"slug": honey.slug, "channel": CHANNEL, "languageCode": "EN", "first": 1}
    query = operation("attributes", "ProductVariantAttributes")
    first = gql(api, query, variables)["data"]["product"]["productVariants"]
    after = {**variables, "after": first["pageInfo"]["endCursor"]}
    second = gql(api, query, after)["data"]["product"]["productVariants"]
    # then both pages together hold the two jars, each picked by its option
    assert first["totalCount"] == 2
    assert first["pageInfo"]["hasNextPage"] is True
    assert second["pageInfo"]["hasNextPage"] is False
    nodes = [first["edges"][0]["node"], second["edges"][0]["node"]]
    assert [n["name"] for n in nodes] == ["Hũ 0", "Hũ 1"]
    option = nodes[0]["selection"]
    assert option[0]["attribute"] == {
        "slug": "variant",
        "inputType": "DROPDOWN",
        "translation": {"name": "Option"},
    }
    assert [v["name"] for v in option[0]["values"]] == ["Hũ 0"]
    assert option[0]["values"][0]["slug"] == "hu-0"
    assert nodes[0]["other"] == []
    assert nodes[0]["all"] == [{"attribute": {"slug": "variant"}}]
    assert nodes[1]["option"] == {"value": {"name": "Hũ 1", "slug": "hu-1"}}
    assert nodes[0]["assignedAttributes"] == [{"attribute": {"slug": "variant"}}]
    # a variant has no photos of its own: the storefront shows the product's
    assert nodes[0]["media"] == []


def test_it_lists_attributes_filtered_searched_and_sorted(db: Any, api: Client) -> None:
    query = operation("attributes", "AttributeList")
    base = {"first": 20, "languageCode": "EN"}
    # when listing the filterable attributes
    body = gql(api, query, {**base, "filter": {"filterableInStorefront": True}})
    # then the material and the net content come, the material with its choices
    nodes = [e["node"] for e in body["data"]["attributes"]["edges"]]
    assert [n["slug"] for n in nodes] == ["net_content", "material"]
    assert nodes[0]["choices"] is None
    choices = nodes[1]["choices"]
    assert choices["totalCount"] == 15
    assert [c["node"]["slug"] for c in choices["edges"]] == ["tre", "may", "coi"]
    assert choices["edges"][0]["node"]["translation"] == {"name": "Bamboo"}
    # a search finds by Vietnamese or English name; the choices can be searched too
    found = gql(api, query, {**base, "search": "Shelf", "choicesSearch": "x"})
    assert [e["node"]["slug"] for e in found["data"]["attributes"]["edges"]] == ["shelf_life"]
    searched = gql(api, query, {**base, "filter": {"slugs": ["material"]}, "choicesSearch": "gốm"})
    material = searched["data"]["attributes"]["edges"][0]["node"]
    assert [c["node"]["slug"] for c in material["choices"]["edges"]] == ["gom"]
    # sorted by slug, descending; page types have none of ours
    ordered = gql(api, query, {**base, "sortBy": {"field": "SLUG", "direction": "DESC"}})
    slugs = [e["node"]["slug"] for e in ordered["data"]["attributes"]["edges"]]
    assert slugs == sorted(Attribute.objects.values_list("slug", flat=True), reverse=True)
    pages = gql(api, query, {**base, "filter": {"type": "PAGE_TYPE"}})
    assert pages["data"]["attributes"]["totalCount"] == 0


def test_it_refuses_a_limit_below_one_and_a_foreign_id(db: Any, api: Client) -> None:
    # given a product
    honey = _honey(net_content="500 g")
    # when the limit is 0, or an attribute id names another type
    zero = gql(
        api,
        'query Zero($slug: String!) { product(slug: $slug, channel: "default-channel") '
        "{ assignedAttributes(limit: 0) { attribute { slug } } } }",
        {"slug": honey.slug},
    )
    foreign = gql(
        api,
        operation("attributes", "AttributeList"),
        {"first": 5, "languageCode": "EN", "filter": {"ids": ["UHJvZHVjdDox"]}},
    )
    # then both are refused with Saleor's messages
    assert zero["errors"][0]["message"].startswith("PositiveInt cannot represent")
    assert foreign["errors"][0]["message"] == "Invalid ID: UHJvZHVjdDox. Expected: Attribute."


def test_it_filters_products_by_material_and_by_net_content(db: Any, api: Client) -> None:
    # given a bamboo basket, a silk scarf, a 500 g honey, a 1 l honey and a 250 ml one
    basket = _craft("Tre đan")
    scarf = _craft("Lụa tơ tằm")
    small = _honey(net_content="500 g")
    big = _honey(net_content="1 l")
    _honey(net_content="250 ml")
    query = operation("attributes", "ProductsByAttribute")

    def slugs(*attributes: dict[str, Any]) -> list[str]:
        variables = {"channel": CHANNEL, "first": 20, "filter": {"attributes": list(attributes)}}
        body = gql(api, query, variables)
        assert "errors" not in body, body
        return [e["node"]["slug"] for e in body["data"]["products"]["edges"]]

    # when filtering by material, then by a net content range (in g or ml)
    # then each filter keeps only the products whose label says so
    assert slugs({"slug": "material", "values": ["tre"]}) == [basket.slug]
    assert sorted(slugs({"slug": "material", "values": ["tre", "lua"]})) == sorted(
        [basket.slug, scarf.slug]
    )
    assert slugs({"slug": "net_content", "valuesRange": {"gte": 400, "lte": 1000}}) == sorted(
        [small.slug, big.slug]
    )
    assert slugs({"slug": "net_content", "valuesRange": {"gte": 600}}) == [big.slug]
    assert slugs({"slug": "storage", "values": ["Nơi khô mát"]}) == []
    assert slugs({"slug": "material", "values": ["khong-co"]}) == []


def _rich_page(api: Client, first: int) -> int:
    query = """
    query Page($first: Int!) {
      products(first: $first, channel: "default-channel") {
        edges { node {
          assignedAttributes { attribute { slug translation(languageCode: EN) { name } }
            ... on AssignedPlainTextAttribute { text: value }
            ... on AssignedMultiChoiceAttribute {
              choices: value { slug translation(languageCode: EN) } } }
          attributes { values { name } }
          productVariants(first: 5) { edges { node {
            attributes(variantSelection: VARIANT_SELECTION) { values { slug } }
            media { url } } } }
        } }
      }
    }
    """
    with CaptureQueriesContext(connection) as queries:
        body = gql(api, query, {"first": first})
    assert "errors" not in body, body
    assert len(body["data"]["products"]["edges"]) == first
    return len(queries)


@pytest.mark.parametrize("size", [5])
def test_it_reads_attributes_of_a_page_in_the_same_queries_whatever_its_size(
    db: Any, api: Client, size: int
) -> None:
    # given products with facts of every kind
    for n in range(size):
        _craft("Gốm men lam", size=f"{n} cm")
        _honey(net_content=f"{n + 1}00 g", ingredients="Mật ong")
    # when a page of one and a page of all of them ask for attributes and variants
    one = _rich_page(api, 1)
    many = _rich_page(api, 2 * size)
    # then both cost the same number of queries
    assert many == one
