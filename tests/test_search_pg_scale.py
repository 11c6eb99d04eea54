"""PostgreSQL search whose cost does not grow with its matches: the exact-accent tiers on
the leading candidates only (search.pg_query.with_rank), the count and the facets in one
GROUPING SETS statement (search.pg_facets), and nothing computed that was not asked for."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.listed import listed_now
from catalog.models import Category, Channel
from places.models import Province
from search import pg_query
from search.params import FACETS, SearchFilters, SearchResult
from search.pg import filter_qs
from tests.conftest import gql
from tests.helpers.search import find


def _naive_facets(filters: SearchFilters) -> dict[str, Counter[str]]:
    """Each facet counted the slow way: one aggregate per facet over the listed rows that
    pass every other facet's filter (what search.pg did before one statement did it all)."""
    clauses = filter_qs(filters)
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    listed = listed_now(Channel.objects.get())
    facets: dict[str, Counter[str]] = {}
    columns = {
        "categories": "category_id",
        "provinces": "province__code",
        "stars": "stars",
        "seller_kinds": "seller_kind",
        "in_stock": "in_stock",
    }
    for name, column in columns.items():
        rows = listed.filter(*[q for other, q in clauses.items() if other != name])
        counted: Counter[str] = Counter()
        for value in rows.values_list(column, flat=True):
            if name == "categories":
                while value is not None:
                    counted[str(value)] += 1
                    value = parents[value]
            elif value is not None:
                counted[str(value).lower() if name == "in_stock" else str(value)] += 1
        facets[name] = counted
    return facets


def _facet_counts(result: SearchResult) -> dict[str, Counter[str]]:
    return {
        name: Counter({v.value: v.count for v in values})
        for name, values in result.facets.items()
        if name not in ("price_ranges", "materials")
    }


def test_it_counts_every_facet_without_its_own_filter_in_one_statement(
    demo_catalog: None, settings: Any
) -> None:
    # given the demo catalogue on PostgreSQL search, and two filters: a province, 4+ stars
    settings.ELASTICSEARCH_URL = ""
    province = Province.objects.get(name="Điện Biên").code
    filters = SearchFilters(province_codes=(province,), stars=(4, 5))
    # when browsing with those filters
    with CaptureQueriesContext(connection) as captured:
        result = find("", filters=filters)
    # then each facet equals the one-aggregate-per-facet count, the total every filter's
    assert _facet_counts(result) == _naive_facets(filters)
    listed = listed_now(Channel.objects.get())
    assert result.total == listed.filter(*filter_qs(filters).values()).count()
    assert result.total == 4
    assert list(result.facets) == list(FACETS)
    # and the facets took one GROUPING SETS statement, not one per facet
    grouped = [q["sql"] for q in captured.captured_queries if "GROUPING SETS" in q["sql"]]
    assert len(grouped) == 1
    assert sum(1 for q in captured.captured_queries if "COUNT(" in q["sql"]) == 2  # + materials


def test_it_counts_the_price_ranges_without_the_price_filter(
    demo_catalog: None, settings: Any
) -> None:
    # given the demo catalogue on PostgreSQL search
    settings.ELASTICSEARCH_URL = ""
    everything = find("")
    # when choosing the cheapest price range
    cheap = find("", filters=SearchFilters(price_lte=99_999))
    # then the price ranges still count every price, the cheapest one selected
    assert [(v.value, v.count) for v in cheap.facets["price_ranges"]] == [
        (v.value, v.count) for v in everything.facets["price_ranges"]
    ]
    assert [v.value for v in cheap.facets["price_ranges"] if v.selected] == ["-99999"]
    assert cheap.total == everything.facets["price_ranges"][0].count
    # and the other facets count only the cheap products
    assert sum(v.count for v in cheap.facets["seller_kinds"]) == cheap.total


def test_it_ranks_only_the_leading_candidates_by_the_accent_tiers(
    demo_catalog: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the demo catalogue on PostgreSQL search, and "dien bien" ranked in full
    settings.ELASTICSEARCH_URL = ""
    full = find("dien bien", limit=50)
    assert full.total == 6
    # when the tiers may look at the best 3 by index rank only
    monkeypatch.setattr(pg_query, "CANDIDATES", 3)
    capped = find("dien bien", limit=50)
    # then the same products match and are counted, the 3 candidates still ranked first
    assert capped.total == full.total
    assert sorted(capped.product_ids) == sorted(full.product_ids)
    leading = capped.product_ids[:3]
    assert [pk for pk in full.product_ids if pk in leading] == leading
    # and pages continued by keyset give the same order, without repeats or gaps
    paged: list[int] = []
    after = None
    while True:
        page = find("dien bien", limit=2, search_after=after)
        paged += page.product_ids
        if page.after is None:
            break
        after = page.after
    assert paged == capped.product_ids


def test_it_costs_the_same_statements_whatever_the_number_of_matches(
    demo_catalog: None, settings: Any
) -> None:
    # given the demo catalogue on PostgreSQL search
    settings.ELASTICSEARCH_URL = ""
    counts = {}
    totals = {}
    # when searching a phrase matching 3 products and one matching 6, facets included
    for query in ("mat ong", "dien bien"):
        with CaptureQueriesContext(connection) as captured:
            result = find(query, with_suggestions=False)
        counts[query] = len(captured.captured_queries)
        totals[query] = result.total
    # then both take the same statements (no per-match or per-facet query)
    assert totals == {"mat ong": 3, "dien bien": 6}
    assert counts == {"mat ong": 5, "dien bien": 5}


SEARCH_ONLY_RESULTS = """query($query: String) {
  searchProducts(query: $query, first: 24) { totalCount results { edges { node { slug } } } } }"""
SEARCH_WITH_SUGGESTIONS = """query($query: String) {
  searchProducts(query: $query, first: 24) {
    totalCount results { edges { node { slug } } } suggestions { text } } }"""


def test_it_computes_no_facets_or_suggestions_the_query_does_not_select(
    demo_catalog: None, settings: Any, api: Client
) -> None:
    # given the demo catalogue on PostgreSQL search
    settings.ELASTICSEARCH_URL = ""
    # when searchProducts selects only its results, then also its suggestions
    with CaptureQueriesContext(connection) as bare:
        plain = gql(api, SEARCH_ONLY_RESULTS, {"query": "mat ong"})
    with CaptureQueriesContext(connection) as suggested:
        full = gql(api, SEARCH_WITH_SUGGESTIONS, {"query": "mat ong"})
    # then the same products come back, without the facets' and suggestions' statements
    assert plain["data"]["searchProducts"]["totalCount"] == 3
    assert full["data"]["searchProducts"]["totalCount"] == 3
    assert not any("GROUPING SETS" in q["sql"] for q in bare.captured_queries)
    assert len(suggested.captured_queries) - len(bare.captured_queries) == 3
    assert full["data"]["searchProducts"]["suggestions"][0]["text"].startswith("Mật ong")


def test_it_serves_a_page_among_the_candidates_without_reading_every_match(
    demo_catalog: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the demo catalogue on PostgreSQL search, the tiers ranking the best 3 only
    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(pg_query, "CANDIDATES", 3)
    first = find("dien bien", limit=2, with_facets=False, with_suggestions=False)
    # when reading the page among the candidates, then the one reaching beyond them
    with CaptureQueriesContext(connection) as among:
        find("dien bien", limit=2, with_facets=False, with_suggestions=False)
    with CaptureQueriesContext(connection) as beyond:
        find(
            "dien bien",
            limit=2,
            with_facets=False,
            with_suggestions=False,
            search_after=first.after,
        )
    # then the first ranks in one statement (the matches, their 3 best and those's tiers),
    # and only the page beyond the candidates reads every match and ranks its tiers again
    ranking = [
        [q["sql"] for q in c.captured_queries if "ts_rank(" in q["sql"]] for c in (among, beyond)
    ]
    assert [len(statements) for statements in ranking] == [1, 3]
    assert ["LIMIT 3)" in sql for sql in ranking[0]] == [True]
    assert len(beyond.captured_queries) - len(among.captured_queries) == 2


def test_it_pages_back_from_beyond_the_candidates_in_the_same_order(
    demo_catalog: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the demo catalogue on PostgreSQL search, the tiers ranking the best 3 only,
    # and every match in order, read forwards by keyset two at a time
    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(pg_query, "CANDIDATES", 3)
    pages = [find("dien bien", limit=2)]
    while pages[-1].after is not None:
        pages.append(find("dien bien", limit=2, search_after=pages[-1].after))
    pages = [page for page in pages if page.product_ids]
    assert [len(page.product_ids) for page in pages] == [2, 2, 2]
    # when going back by "previous" from the last page, then from the one before it
    back = [find("dien bien", limit=2, search_before=pages[-1].before)]
    back.append(find("dien bien", limit=2, search_before=back[-1].before))
    # then each is the page read forwards, with how many hits come before it
    assert [page.product_ids for page in back] == [pages[1].product_ids, pages[0].product_ids]
    assert [page.before_count for page in back] == [2, 0]
