"""The page scopes of search (a seller's stall, a collection's products) and the
producer-type and in-stock filters, answered alike by Elasticsearch and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from search.client import clear_client_cache
from search.params import SearchFilters, SortField
from sellers.models import Seller
from tests import factories
from tests.helpers.search import build_index, find, search_index

__all__ = ["search_index"]

BACKENDS = ("elasticsearch", "postgres")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, db: Any, settings: Any) -> Iterator[str]:
    """Each test runs once on a private Elasticsearch index and once on PostgreSQL."""
    if request.param == "elasticsearch":
        request.getfixturevalue("search_index")
    else:
        settings.ELASTICSEARCH_URL = ""
        clear_client_cache()
    yield str(request.param)
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
