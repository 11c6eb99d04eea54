"""Search filters on the label facts' attributes (issue 14): a craft's material and a
food's net content, answered alike by Elasticsearch and PostgreSQL, and through
`searchProducts`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.attributes import load_catalogue
from catalog.label_facts import do_save_facts
from catalog.models import Category, Product, ProductFact
from catalog.signals import products_changed
from search.attribute_filters import NetContentRange
from search.client import clear_client_cache
from search.indexer import attribute_fields
from search.params import SearchFilters, SortField
from tests import factories
from tests.conftest import gql
from tests.helpers.search import (
    BACKENDS,
    build_index,
    find,
    on_backend,
    search_api,
    search_index,
    slugs,
)

__all__ = ["search_index"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, db: Any, settings: Any) -> Iterator[str]:
    """Each test runs once on a private Elasticsearch index and once on PostgreSQL."""
    yield on_backend(request, settings)
    clear_client_cache()


def _labelled(name: str, **facts: str) -> Product:
    craft = "material" in facts
    top, slug = ("Thủ công mỹ nghệ", "thu-cong") if craft else ("Thực phẩm", "thuc-pham")
    category, _ = Category.objects.get_or_create(slug=slug, defaults={"name": top})
    product = factories.product(name=name)
    product.category = category
    product.save()  # its search document and listing record follow the group
    do_save_facts(product, facts)
    return product


def _catalogue() -> dict[str, Product]:
    return {
        "basket": _labelled("Giỏ tre", material="Tre, mây đan tay"),
        "scarf": _labelled("Khăn lụa", material="Lụa  tơ tằm"),
        "teapot": _labelled("Ấm gốm", material="Gom men lam"),
        "honey": _labelled("Mật ong", net_content="500 g"),
        "sauce": _labelled("Nước mắm", net_content="1 l"),
        "syrup": _labelled("Mật hoa dừa", net_content="250 ml"),
        "rice": _labelled("Gạo", net_content="1,5 kg"),
    }


# The materials facet of `_catalogue()`'s three crafts: (slug, label, count).
EVERY_MATERIAL = {
    ("tre", "Tre", 1),
    ("may", "Mây", 1),
    ("lua", "Lụa", 1),
    ("to-tam", "Tơ tằm", 1),
    ("gom", "Gốm", 1),
}


def _found(backend: str, **filters: Any) -> list[str]:
    if backend == "elasticsearch":
        build_index()
    result = find("", filters=SearchFilters(**filters), sort=SortField.NEWEST)
    assert result.backend == backend
    return sorted(slugs(result))


def test_it_filters_by_material_on_both_backends(backend: str) -> None:
    # given three crafts (one typed without accents, one with a double space) and foods
    made = _catalogue()
    # when searching by one or two materials
    bamboo = _found(backend, materials=("tre",))
    silk_or_pottery = _found(backend, materials=("lua", "gom"))
    rattan_only = _found(backend, materials=("may",))
    unknown = _found(backend, materials=("khong-co",))
    # then each finds exactly the crafts whose material fact names them
    assert bamboo == [made["basket"].slug]
    assert silk_or_pottery == sorted([made["scarf"].slug, made["teapot"].slug])
    assert rattan_only == [made["basket"].slug]
    assert unknown == []


def test_it_filters_by_net_content_in_grams_or_millilitres_on_both_backends(
    backend: str,
) -> None:
    # given foods of 500 g, 1 l, 250 ml and 1,5 kg
    made = _catalogue()
    # when searching by net content ranges
    weights = _found(backend, net_content=NetContentRange(unit="g", gte=400, lte=1500))
    volumes = _found(backend, net_content=NetContentRange(unit="ml", gte=500))
    any_unit = _found(backend, net_content=NetContentRange(gte=300, lte=1000))
    small = _found(backend, net_content=NetContentRange(lte=250))
    # then the bounds are in the base unit of each dimension (kg → g, l → ml)
    assert weights == sorted([made["honey"].slug, made["rice"].slug])
    assert volumes == [made["sauce"].slug]
    assert any_unit == sorted([made["honey"].slug, made["sauce"].slug])
    assert small == [made["syrup"].slug]


def test_it_filters_the_search_api_by_material_and_net_content(backend: str, api: Client) -> None:
    # given the labelled catalogue
    made = _catalogue()
    if backend == "elasticsearch":
        build_index()
    # when the API searches by material, and by net content
    bamboo = search_api(api, None, filter={"materials": ["tre"]})
    liquids = search_api(api, None, filter={"netContent": {"unit": "ML", "lte": 300}})
    # then each answers its products, from the backend in use
    assert bamboo["backend"] == backend.upper()
    assert [e["node"]["slug"] for e in bamboo["results"]["edges"]] == [made["basket"].slug]
    assert [e["node"]["slug"] for e in liquids["results"]["edges"]] == [made["syrup"].slug]


def test_it_reads_the_document_fields_from_the_facts(db: Any) -> None:
    # given a craft's and a food's facts
    catalogue = load_catalogue()
    craft = [ProductFact(key="material", value="Lụa tơ tằm, thổ cẩm")]
    food = [ProductFact(key="net_content", value="1,5 l"), ProductFact(key="storage", value="x")]
    # when turned into document fields
    # then the materials are the known ones named, the net content is in its base unit
    assert attribute_fields(catalogue, craft) == {
        "materials": ["lua", "to-tam", "tho-cam"],
        "net_quantity": None,
        "net_unit": "",
    }
    assert attribute_fields(catalogue, food) == {
        "materials": [],
        "net_quantity": 1500.0,
        "net_unit": "ml",
    }


def test_it_tells_search_when_a_products_facts_change(db: Any) -> None:
    # given a product and a listener for catalog changes
    product = _labelled("Giỏ", material="Tre")
    heard: list[list[int]] = []

    def listen(sender: Any, product_ids: Any, **kwargs: Any) -> None:
        heard.append(list(product_ids))

    products_changed.connect(listen, dispatch_uid="test-facts-listener")
    try:
        # when its facts are saved unchanged, then changed
        with transaction.atomic():
            do_save_facts(product, {"material": "Tre"})
            unchanged = list(heard)
            do_save_facts(product, {"material": "Mây"})
    finally:
        products_changed.disconnect(dispatch_uid="test-facts-listener")
    # then only the change is told, with the product
    assert unchanged == []
    assert heard == [[product.pk]]


def test_it_counts_the_materials_facet_alike_on_both_backends(backend: str) -> None:
    # given the labelled catalogue (a bamboo-and-rattan basket, a silk scarf, a teapot)
    _catalogue()
    # when searching everything, then with bamboo chosen
    if backend == "elasticsearch":
        build_index()
    every = find("", sort=SortField.NEWEST)
    chosen = find("", filters=SearchFilters(materials=("tre",)), sort=SortField.NEWEST)
    # then each known material counts its crafts, labelled; the chosen one is selected
    # and still counts what it would add (a facet ignores its own filter)
    assert {(v.value, v.label, v.count) for v in every.facets["materials"]} == EVERY_MATERIAL
    assert [v.value for v in chosen.facets["materials"] if v.selected] == ["tre"]
    assert sum(v.count for v in chosen.facets["materials"]) == 5


def test_it_counts_the_materials_facet_of_a_word_search_alike_on_both_backends(
    backend: str,
) -> None:
    # given the labelled catalogue, its three crafts in the group "Thủ công mỹ nghệ"
    _catalogue()
    if backend == "elasticsearch":
        build_index()
    # when searching the group's words, then the same with bamboo chosen
    every = find("thu cong")
    chosen = find("thu cong", filters=SearchFilters(materials=("tre",)))
    # then the facet counts the crafts' materials among the matches, labelled; choosing
    # one narrows the hits, not its own facet
    assert every.backend == chosen.backend == backend
    assert sorted(slugs(every)) == sorted(
        p.slug for p in Product.objects.filter(name__in=["Giỏ tre", "Khăn lụa", "Ấm gốm"])
    )
    assert {(v.value, v.label, v.count) for v in every.facets["materials"]} == EVERY_MATERIAL
    assert [p.name for p in Product.objects.filter(pk__in=chosen.product_ids)] == ["Giỏ tre"]
    assert [v.value for v in chosen.facets["materials"] if v.selected] == ["tre"]
    assert sum(v.count for v in chosen.facets["materials"]) == 5


FACETS_BUT_MATERIALS = """query($query: String) { searchProducts(query: $query) {
  totalCount facets { sellerKinds { value count } materials { value count } } } }"""


def test_it_counts_the_materials_facet_only_when_the_api_asks_for_it(
    backend: str, api: Client
) -> None:
    # given the labelled catalogue's three crafts
    _catalogue()
    if backend == "elasticsearch":
        build_index()

    # when the API searches them asking for another facet, then for the materials too
    def search(query: str) -> tuple[dict[str, Any], list[str]]:
        with CaptureQueriesContext(connection) as statements:
            body = gql(api, query, {"query": "thu cong"})
        # Read now: the next request clears the connection's log.
        return body["data"]["searchProducts"], [q["sql"] for q in statements.captured_queries]

    other, other_sql = search(FACETS_BUT_MATERIALS.replace(" materials { value count }", ""))
    both, both_sql = search(FACETS_BUT_MATERIALS)
    # then the other facet counts the crafts either way; the materials' facts are read
    # only when asked for
    assert other["totalCount"] == both["totalCount"] == 3
    assert sum(v["count"] for v in other["facets"]["sellerKinds"]) == 3
    assert other["facets"]["sellerKinds"] == both["facets"]["sellerKinds"]
    assert sorted((v["value"], v["count"]) for v in both["facets"]["materials"]) == sorted(
        (slug, count) for slug, _label, count in EVERY_MATERIAL
    )
    assert "materials" not in other["facets"]
    reads_facts = [any("productfact" in sql for sql in s) for s in (other_sql, both_sql)]
    assert reads_facts == [False, backend == "postgres"]


def test_it_offers_and_applies_the_material_facet_on_the_web_listing(
    backend: str, client: Client
) -> None:
    # given the labelled catalogue
    made = _catalogue()
    if backend == "elasticsearch":
        build_index()
    # when the search page lists everything, then bamboo only, in English
    every = client.get("/search/").content.decode()
    bamboo = client.get("/search/?material=tre&hl=en").content.decode()
    refused = client.get("/search/?material=%3Cb%3E").content.decode()
    # then the material select offers the materials with counts, and applies the choice
    assert '<select id="filter-material" name="material">' in every
    assert '<option value="tre">Tre (1)</option>' in every
    assert '<option value="tre" selected>Bamboo (1)</option>' in bamboo
    assert f"/p/{made['basket'].slug}/" in bamboo
    assert f"/p/{made['scarf'].slug}/" not in bamboo
    # and a value that is not a slug is ignored
    assert f"/p/{made['scarf'].slug}/" in refused
