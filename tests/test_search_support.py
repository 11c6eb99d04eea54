"""Fixtures and helpers shared by the search tests (imported by tests/test_search_*.py).

Each test gets its own index prefix and deletes its indices afterwards, so tests can run
next to each other and next to other engineers' runs on the same Elasticsearch.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from elasticsearch import Elasticsearch

from catalog.models import Channel, Product
from search.client import clear_client_cache, get_client
from search.indexer import sync_products
from search.indices import alias_name
from search.params import SearchFilters, SearchParams, SearchResult, SortField
from search.reindex import rebuild
from search.service import search
from tests.conftest import gql

SEARCH = """
query Search($query: String, $filter: ProductSearchFilterInput, $sortBy: ProductSearchOrder,
             $first: Int, $after: String) {
  searchProducts(query: $query, filter: $filter, sortBy: $sortBy, first: $first, after: $after) {
    totalCount backend fuzzy
    results {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor highlights { field snippet } node { id slug name } }
    }
    facets {
      categories { value label count selected }
      provinces { value label count selected }
      stars { value label count selected }
      priceRanges { label gte lte count selected }
      sellerKinds { value label count selected }
      inStock { value label count selected }
    }
    suggestions { text kind slug provinceCode legacyName }
  }
}
"""


@pytest.fixture
def search_index(settings: Any) -> Iterator[str]:
    """A private index prefix on the real Elasticsearch, deleted after the test."""
    url = django_settings.ELASTICSEARCH_URL
    prefix = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-t{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    clear_client_cache()
    yield prefix
    clear_client_cache()
    client = Elasticsearch(url, request_timeout=30)
    names = sorted(client.indices.get(index=f"{alias_name(prefix)}*").keys())
    if names:
        client.indices.delete(index=",".join(names))
    client.close()


def build_index(progress: Callable[[str], None] = lambda message: None) -> None:
    """Index every listable product, as `ocop reindex` does, and make it searchable."""
    rebuild(progress=progress)


def index_now(*products: Product) -> None:
    sync_products([p.pk for p in products])
    refresh()


def refresh() -> None:
    get_client().indices.refresh(index=alias_name())


def find(query: str, **extra: Any) -> SearchResult:
    channel = Channel.objects.get(slug=django_settings.DEFAULT_CHANNEL_SLUG)
    filters = extra.pop("filters", SearchFilters())
    sort = extra.pop("sort", SortField.RELEVANCE)
    return search(SearchParams(query=query, channel=channel, filters=filters, sort=sort, **extra))


def slugs(result: SearchResult) -> list[str]:
    by_pk = dict(Product.objects.filter(pk__in=result.product_ids).values_list("pk", "slug"))
    return [by_pk[pk] for pk in result.product_ids]


def search_api(client: Client, query: str | None, **variables: Any) -> dict[str, Any]:
    body = gql(client, SEARCH, {"query": query, "first": 20, **variables})
    assert "errors" not in body, body.get("errors")
    data: dict[str, Any] = body["data"]["searchProducts"]
    return data


def document_exists(product: Product) -> bool:
    client = get_client()
    client.indices.refresh(index=alias_name())
    found = client.count(index=alias_name(), query={"term": {"product_id": product.pk}})
    return int(found["count"]) > 0


def wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> float:
    """Poll `condition` until true; returns how long it took (fails after `seconds`)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"condition still false after {seconds} s")


def test_it_gives_each_test_its_own_index_prefix(search_index: str) -> None:
    # given the fixture's prefix
    # then it is the settings' prefix and derives the alias
    assert search_index == django_settings.ELASTICSEARCH_INDEX_PREFIX
    assert alias_name() == f"{search_index}-products"
