"""The page scopes of search (a seller's stall, a collection's products) and the
producer-type and in-stock filters, answered alike by Elasticsearch and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from search.client import clear_client_cache
from search.params import PG_AFTER, SearchFilters, SortField
from sellers.models import Seller
from tests import factories
from tests.helpers.html_checks import read_page
from tests.helpers.search import BACKENDS, build_index, find, on_backend, search_index
from web.listing_params import decode_cursor

__all__ = ["search_index"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, db: Any, settings: Any) -> Iterator[str]:
    """Each test runs once on a private Elasticsearch index and once on PostgreSQL."""
    yield on_backend(request, settings)
    clear_client_cache()


def _two_stalls() -> dict[str, Any]:
    cooperative = factories.seller()
    household = factories.seller(province_code="01")
    Seller.objects.filter(pk=household.pk).update(kind="HKD")
    household.refresh_from_db()
    made = {
        "coop_a": factories.product(owner=cooperative, stars=4),
        "coop_b": factories.product(owner=cooperative, stars=5, stock=0),
        "home_a": factories.product(owner=household, stars=3),
    }
    return {"cooperative": cooperative, "household": household, **made}


def _search(backend: str, **filters: Any) -> Any:
    if backend == "elasticsearch":
        build_index()
    result = find("", filters=SearchFilters(**filters), sort=SortField.NEWEST)
    assert result.backend == backend
    return result


def test_it_scopes_a_search_to_one_seller_with_facets_counted_inside(backend: str) -> None:
    # given two stalls, one with two products
    made = _two_stalls()
    # when searching the cooperative's stall
    result = _search(backend, seller_ids=(made["cooperative"].pk,))
    # then only its products come, newest first, and the facets count only them
    assert result.product_ids == [made["coop_b"].pk, made["coop_a"].pk]
    assert result.total == 2
    assert {v.value: v.count for v in result.facets["stars"]} == {"4": 1, "5": 1}
    assert {v.value: v.count for v in result.facets["seller_kinds"]} == {"HTX": 2}


def test_it_scopes_a_search_to_a_set_of_products(backend: str) -> None:
    # given three products
    made = _two_stalls()
    # when searching inside two of them (a collection's)
    result = _search(backend, product_ids=(made["coop_a"].pk, made["home_a"].pk))
    # then only those two answer, and an empty set answers nothing
    assert sorted(result.product_ids) == sorted([made["coop_a"].pk, made["home_a"].pk])
    assert result.total == 2
    assert find("", filters=SearchFilters(product_ids=())).total == 0


def test_it_filters_by_producer_type_and_stock(backend: str) -> None:
    # given a cooperative's two products (one out of stock) and a household's one
    made = _two_stalls()
    # when filtering on households, then on the cooperative's products in stock
    households = _search(backend, seller_kinds=("HKD",))
    in_stock = find("", filters=SearchFilters(seller_kinds=("HTX",), in_stock=True))
    # then each answers its own, and the producer-type facet still counts every kind
    assert households.product_ids == [made["home_a"].pk]
    assert {v.value: v.count for v in households.facets["seller_kinds"]} == {"HTX": 2, "HKD": 1}
    assert in_stock.product_ids == [made["coop_a"].pk]


def test_it_continues_after_a_hits_sort_values_like_the_offset_on_elasticsearch(
    backend: str,
) -> None:
    # given five products at different prices
    made = [factories.product(price=100_000 + 10_000 * n) for n in range(5)]
    if backend == "elasticsearch":
        build_index()
    # when the first page of two is searched by price, then the next one by both means
    first = find("", sort=SortField.PRICE, limit=2)
    by_offset = find("", sort=SortField.PRICE, limit=2, offset=2)
    by_after = find("", sort=SortField.PRICE, limit=2, search_after=first.after)
    # then each backend hands the last hit's sort values (Elasticsearch: price, score, id;
    # PostgreSQL: its tag, price, id) and search_after answers the same page as the offset
    assert first.product_ids == [made[0].pk, made[1].pk]
    assert by_offset.product_ids == [made[2].pk, made[3].pk]
    if backend == "elasticsearch":
        assert first.after is not None and first.after[0] == 110_000
        assert first.after[-1] == made[1].pk
    else:
        assert first.after == (PG_AFTER, 110_000, made[1].pk)
    assert by_after.product_ids == by_offset.product_ids


def _link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" rel="{rel}"', html)
    return unescape(found.group(1)) if found else None


def test_it_walks_the_web_listing_by_cursor_on_either_backend(backend: str) -> None:
    # given seven products, indexed
    made = [factories.product(price=100_000 + 10_000 * n) for n in range(7)]
    if backend == "elasticsearch":
        build_index()
    client = Client()
    # when a shopper follows "next" from the first page of three, cheapest first
    url: str | None = "/search/?per_page=3&sort=price"
    pages, cursors = [], []
    while url:
        html = client.get(url).content.decode()
        pages.append(read_page(html).product_links)
        url = _link(html, "next")
        if url:
            cursors.append(decode_cursor(parse_qs(urlsplit(url).query)["cursor"][0]))
    # then every product shows once, in order, over three pages; the cursors carry the
    # backend's position after the page's last product (and its offset)
    assert pages == [[f"/p/{p.slug}/" for p in made[i : i + 3]] for i in (0, 3, 6)]
    assert [c.offset for c in cursors] == [3, 6]
    assert [c.after[-1] if c.after else None for c in cursors] == [made[2].pk, made[5].pk]
    if backend == "postgres":
        assert [c.after[0] if c.after else None for c in cursors] == [PG_AFTER, PG_AFTER]
