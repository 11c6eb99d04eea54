"""Fixtures and helpers shared by the search tests (tests/test_search_*.py, tests/test_outbox.py).

Each test gets its own index prefix and deletes its indices afterwards, so tests can run
next to each other and next to other engineers' runs on the same Elasticsearch.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import graphene
import pytest
from django.conf import settings as django_settings
from django.db.models import Min
from django.test import Client
from elasticsearch import Elasticsearch

from catalog.listing import listable_products, valid_certificates
from catalog.models import Category, Channel, Product, ProductVariantChannelListing, Stock
from search.client import clear_client_cache, get_client
from search.indexer import sync_products
from search.indices import alias_name
from search.params import PRICE_RANGES, SearchFilters, SearchParams, SearchResult, SortField
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


BACKENDS = ("elasticsearch", "postgres")


def on_backend(request: pytest.FixtureRequest, settings: Any, url: str | None = None) -> str:
    """Point search at `request.param`: a private Elasticsearch index (`search_index`; at
    `url` when given, for modules conftest turned Elasticsearch off for), or PostgreSQL.
    For a `backend` fixture parametrised over BACKENDS; clear the client cache after it."""
    if request.param == "elasticsearch":
        if url is not None:
            settings.ELASTICSEARCH_URL = url
        request.getfixturevalue("search_index")
    else:
        settings.ELASTICSEARCH_URL = ""
        clear_client_cache()
    return str(request.param)


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
        time.sleep(0.05)
    raise AssertionError(f"condition still false after {seconds} s")


def database_facets() -> dict[str, dict[str, int]]:
    """Facet counts computed straight from the database, independently of search."""
    channel = Channel.objects.get(slug="default-channel")
    listed = listable_products(channel)
    ids = set(listed.values_list("pk", flat=True))
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    categories: Counter[str] = Counter()
    for category_id in listed.values_list("category_id", flat=True):
        while category_id is not None:
            categories[graphene.Node.to_global_id("Category", category_id)] += 1
            category_id = parents[category_id]
    best: dict[int, int] = {}
    for product_id, stars in valid_certificates().values_list("product_id", "stars"):
        if product_id in ids:
            best[product_id] = max(stars, best.get(product_id, 0))
    prices = dict(
        ProductVariantChannelListing.objects.filter(channel=channel, variant__product__in=ids)
        .values("variant__product")
        .annotate(low=Min("price_amount"))
        .values_list("variant__product", "low")
    )
    stocked = set(
        Stock.objects.filter(variant__product__in=ids, quantity__gt=0).values_list(
            "variant__product", flat=True
        )
    )
    price_counts = {}
    for price_range in PRICE_RANGES:
        low = price_range.gte or 0
        high = price_range.lte if price_range.lte is not None else 10**15
        price_counts[price_range.label] = sum(low <= p <= high for p in prices.values())
    return {
        "categories": dict(categories),
        "provinces": dict(Counter(listed.values_list("origin_province__code", flat=True))),
        "stars": {str(k): v for k, v in Counter(best.values()).items()},
        "sellerKinds": dict(Counter(listed.values_list("seller__kind", flat=True))),
        "inStock": {
            k: v for k, v in {"true": len(ids & stocked), "false": len(ids - stocked)}.items() if v
        },
        "priceRanges": price_counts,
    }


def api_facets(data: dict[str, Any]) -> dict[str, dict[str, int]]:
    facets = data["facets"]
    shown = {
        name: {v["value"]: v["count"] for v in facets[name]}
        for name in ("categories", "provinces", "stars", "sellerKinds", "inStock")
    }
    shown["priceRanges"] = {v["label"]: v["count"] for v in facets["priceRanges"]}
    return shown
