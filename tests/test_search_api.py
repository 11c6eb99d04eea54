"""`searchProducts` and Saleor's `products(search: …)` answered by the real Elasticsearch."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Min
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.listing import listable_products
from catalog.models import Channel, OcopCertificate, Product
from places.models import Province
from search.client import get_client
from search.indexer import sync_products
from search.indices import alias_name
from search.live import set_live_now
from tests import factories
from tests.conftest import gql
from tests.helpers.search import (
    api_facets,
    build_index,
    database_facets,
    search_api,
    search_index,
)

__all__ = ["search_index"]


def test_it_counts_facets_exactly_as_the_database_does(
    demo_catalog: None, search_index: str, api: Client
) -> None:
    # given the demo catalog indexed
    build_index()
    # when browsing everything
    data = search_api(api, None, first=5)
    # then every facet count equals what the database says
    assert data["backend"] == "ELASTICSEARCH"
    assert data["totalCount"] == listable_products(Channel.objects.get()).count()
    assert api_facets(data) == database_facets()


def test_it_counts_each_facet_without_its_own_filter(
    demo_catalog: None, search_index: str, api: Client
) -> None:
    # given the demo catalog indexed, and Điện Biên's code
    build_index()
    dien_bien = Province.objects.get(name="Điện Biên").code
    # when filtering on Điện Biên
    data = search_api(api, None, filter={"provinces": [dien_bien]})
    facets = api_facets(data)
    # then the results and the other facets are Điện Biên's only
    listed = listable_products(Channel.objects.get()).filter(origin_province__code=dien_bien)
    assert data["totalCount"] == listed.count()
    assert sum(facets["sellerKinds"].values()) == listed.count()
    # while the province facet still counts every province, its own value selected
    assert facets["provinces"] == database_facets()["provinces"]
    selected = [v["value"] for v in data["facets"]["provinces"] if v["selected"]]
    assert selected == [dien_bien]


def test_it_sorts_by_price_and_pages_with_cursors(
    demo_catalog: None, search_index: str, api: Client
) -> None:
    # given the demo catalog indexed
    build_index()
    channel = Channel.objects.get()
    lows = {
        p.slug: p.low
        for p in listable_products(channel).annotate(
            low=Min("variants__channel_listings__price_amount")
        )
    }
    # when reading two pages of five, cheapest first
    order = {"field": "PRICE"}
    first = search_api(api, None, first=5, sortBy=order)
    cursor = first["results"]["pageInfo"]["endCursor"]
    second = search_api(api, None, first=5, after=cursor, sortBy=order)
    # then the pages follow each other as one page of ten would, the ten lowest prices in
    # order (equal prices in the ranking's order: a featured product first)
    pages = [e["node"]["slug"] for e in first["results"]["edges"] + second["results"]["edges"]]
    whole = search_api(api, None, first=10, sortBy=order)
    assert pages == [e["node"]["slug"] for e in whole["results"]["edges"]]
    assert [lows[slug] for slug in pages] == sorted(lows.values())[:10]
    assert first["results"]["pageInfo"]["hasNextPage"] is True


def test_it_highlights_matches_in_the_accented_text(
    demo_catalog: None, search_index: str, api: Client
) -> None:
    # given the demo catalog indexed
    build_index()
    # when searching without accents
    data = search_api(api, "mat ong hoa ban")
    # then the snippet marks the accented words of the name
    top = data["results"]["edges"][0]
    assert top["node"]["slug"] == "mat-ong-hoa-ban-dien-bien"
    assert top["highlights"] == [
        {"field": "name", "snippet": "<em>Mật ong hoa ban</em> Điện Biên"},
        {
            "field": "description",
            "snippet": "<em>Mật</em> <em>ong</em> được lấy từ những đàn <em>ong</em> nội thả "
            "dưới rừng <em>ban</em> Mường Phăng vào mùa <em>hoa</em> <em>ban</em> nở rộ tháng "
            "Hai, tháng Ba.",
        },
    ]


def test_it_suggests_product_names_and_provinces_old_and_new(
    demo_catalog: None, search_index: str, api: Client
) -> None:
    # given the demo catalog indexed
    build_index()
    query = """query S($q: String!) {
        searchSuggestions(query: $q, first: 5) { text kind slug provinceCode legacyName } }"""
    # when typing the start of a name, and of a pre-2025 province
    honey = gql(api, query, {"q": "mat ong hoa b"})["data"]["searchSuggestions"]
    old_province = gql(api, query, {"q": "ha gia"})["data"]["searchSuggestions"]
    # then the honey is suggested, and Hà Giang leads to today's Tuyên Quang
    assert honey[0] == {
        "text": "Mật ong hoa ban Điện Biên",
        "kind": "PRODUCT",
        "slug": "mat-ong-hoa-ban-dien-bien",
        "provinceCode": None,
        "legacyName": None,
    }
    tuyen_quang = Province.objects.get(name="Tuyên Quang").code
    assert {
        "text": "Tuyên Quang",
        "kind": "PROVINCE",
        "slug": None,
        "provinceCode": tuyen_quang,
        "legacyName": "Hà Giang",
    } in old_province


PRODUCTS = """
query P($search: String, $filter: ProductFilterInput, $sortBy: ProductOrder) {
  products(first: 10, search: $search, filter: $filter, sortBy: $sortBy) {
    totalCount edges { node { slug } }
  }
}
"""


def test_it_answers_saleor_products_search_in_elasticsearch_rank_order(
    demo_catalog: None, search_index: str, api: Client
) -> None:
    # given the demo catalog indexed
    build_index()
    # when the storefront searches the Saleor way, with the deprecated filter too
    ranked = gql(api, PRODUCTS, {"search": "mật ong điện biên"})["data"]["products"]
    deprecated = gql(api, PRODUCTS, {"filter": {"search": "mật ong điện biên"}})["data"]["products"]
    shouted = gql(api, PRODUCTS, {"search": "MAT ONG DIEN BIEN"})["data"]["products"]
    by_name = gql(
        api, PRODUCTS, {"search": "mat ong", "sortBy": {"field": "NAME", "direction": "ASC"}}
    )["data"]["products"]
    # then Elasticsearch's best match comes first, whichever argument carries the words
    assert ranked["edges"][0]["node"]["slug"] == "mat-ong-hoa-ban-dien-bien"
    assert shouted["edges"][0]["node"]["slug"] == "mat-ong-hoa-ban-dien-bien"
    assert ranked == deprecated
    # and an explicit sort wins over the rank (only the honeys: no other product has both
    # words in its own words, so descriptions do not count)
    found = [e["node"]["slug"] for e in by_name["edges"]]
    names = dict(Product.objects.filter(slug__in=found).values_list("slug", "name"))
    assert found == [
        "mat-ong-banh-to-muong-phang",
        "mat-ong-hoa-ban-dien-bien",
        "mat-ong-hoa-vai-luc-ngan",
    ]
    assert [names[slug] for slug in found] == sorted(names[slug] for slug in found)


def test_it_never_returns_a_product_the_listing_rule_now_refuses(
    demo_catalog: None, search_index: str, api: Client
) -> None:
    # given the demo catalog indexed, then a certificate revoked behind the index's back
    build_index()
    honey = Product.objects.get(slug="mat-ong-hoa-ban-dien-bien")
    before = search_api(api, "mat ong")
    OcopCertificate.objects.filter(product=honey).update(status="revoked")
    # when searching while the index still has the product
    after = search_api(api, "mat ong")
    # then the product is left out and the count follows
    assert "mat-ong-hoa-ban-dien-bien" in [e["node"]["slug"] for e in before["results"]["edges"]]
    assert "mat-ong-hoa-ban-dien-bien" not in [e["node"]["slug"] for e in after["results"]["edges"]]
    assert after["totalCount"] == before["totalCount"] - 1


def test_it_loads_a_page_in_a_fixed_number_of_queries(
    demo_catalog: None, search_index: str, api: Client
) -> None:
    # given the demo catalog indexed
    build_index()
    query = """query S($first: Int) { searchProducts(query: "tra", first: $first) {
        results { edges { node { name thumbnail { url }
          pricing { priceRange { start { gross { amount } } } }
          seller { name } category { name } originProvince { name } ocopCertificate { stars }
        } } }
        facets { categories { label count } provinces { label count } } } }"""
    # when loading a page of 2 and a page of 10
    with CaptureQueriesContext(connection) as small:
        gql(api, query, {"first": 2})
    with CaptureQueriesContext(connection) as large:
        data = gql(api, query, {"first": 10})
    # then both cost the same number of SQL queries
    assert len(data["data"]["searchProducts"]["results"]["edges"]) == 10
    assert len(small.captured_queries) == len(large.captured_queries)


def test_it_keeps_the_live_flag_set_by_other_code(db: Any, search_index: str) -> None:
    # given an indexed product
    product = factories.product(name="Trà Shan tuyết")
    build_index()
    # when the (future) livestream code marks it live, and the index is rebuilt
    set_live_now([product.pk], True)
    sync_products([product.pk])
    build_index()
    # then its document says live now
    client = get_client()
    doc = client.search(index=alias_name(), query={"term": {"product_id": product.pk}})
    assert doc["hits"]["hits"][0]["_source"]["live_now"] is True
    set_live_now([product.pk], False)
    sync_products([product.pk])
    client.indices.refresh(index=alias_name())
    doc = client.search(index=alias_name(), query={"term": {"product_id": product.pk}})
    assert doc["hits"]["hits"][0]["_source"]["live_now"] is False
