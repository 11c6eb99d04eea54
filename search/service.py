"""Product search with backend selection: Elasticsearch when configured and reachable,
PostgreSQL otherwise, with the same folding rules, filters, facets and sorting.

Whatever answers, the page's products are re-checked against the listing rule with one
query before they are returned: a product delisted a moment ago (certificate expired,
seller suspended) never shows, even if its document has not been deleted yet.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db.models import QuerySet
from elastic_transport import TransportError
from elasticsearch import ApiError, NotFoundError
from redis.exceptions import RedisError

from catalog.listing import listable_products
from catalog.models import Channel, Product
from search import client as es
from search import pg
from search.es_search import run_ranked_ids, run_search, run_suggest
from search.index_queue import enqueue, schedule_backfill
from search.indices import alias_name, ensure_index
from search.labels import label_facets
from search.params import SearchParams, SearchResult, Suggestion

log = logging.getLogger(__name__)

# How many ids `products(search: …)` takes from Elasticsearch before the database
# applies Saleor's filters and pagination.
RANKED_IDS_LIMIT = 1000

ES_FAILURES = (TransportError, ApiError)


def _es_failed(exc: Exception) -> None:
    if isinstance(exc, NotFoundError):
        # First use: no index yet. Create it (and queue a backfill); answer from PostgreSQL.
        try:
            if ensure_index():
                schedule_backfill()
            return
        except Exception as inner:
            exc = inner
    if isinstance(exc, ApiError) and 400 <= exc.meta.status < 500 and exc.meta.status != 429:
        # Our request was refused: a bug to fix, not an outage; this request falls back.
        log.error("Elasticsearch refused a search request: %s", exc)
        return
    log.warning("Elasticsearch unavailable, answering from PostgreSQL for a while: %s", exc)
    es.mark_down()


def search(params: SearchParams) -> SearchResult:
    result: SearchResult | None = None
    if es.is_available():
        try:
            result = run_search(es.get_client(), alias_name(), params)
        except ES_FAILURES as exc:
            _es_failed(exc)
    if result is None:
        # Read from the listing record, which changes in the transaction of every change
        # to the rule (catalog.listed): nothing to re-check.
        result = pg.search(params)
    else:
        _recheck_listing(result, params.channel)  # the index may lag behind the rule
    label_facets(result)
    return result


def suggest(prefix: str, channel: Channel, size: int = 5) -> list[Suggestion]:
    if es.is_available():
        try:
            return run_suggest(es.get_client(), alias_name(), prefix, channel.slug, size)
        except ES_FAILURES as exc:
            _es_failed(exc)
    return pg.suggest(prefix, channel, size)


def _recheck_listing(result: SearchResult, channel: Channel) -> None:
    ids = result.product_ids
    if not ids:
        return
    listable = set(listable_products(channel).filter(pk__in=ids).values_list("pk", flat=True))
    stale = [pk for pk in ids if pk not in listable]
    if not stale:
        return
    result.hits = [hit for hit in result.hits if hit.product_id in listable]
    result.total = max(result.total - len(stale), len(result.hits))
    if result.backend == "elasticsearch":
        # The index is behind: refresh those documents (the task deletes them), once a
        # minute at most per product, however many searches see them meanwhile.
        try:
            fresh = [pk for pk in stale if cache.add(f"search:stale:{pk}", 1, timeout=60)]
        except RedisError as exc:
            # Redis (the cache) is down: the stale hits are already dropped from this
            # answer; the index is refreshed by a later search, once Redis is back.
            log.warning("search: cannot note stale documents (%s); refresh skipped", exc)
            return
        if fresh:
            enqueue(fresh)  # an outbox row: never waits on the broker


def rank_products(queryset: QuerySet[Product], text: str) -> QuerySet[Product] | None:
    """Saleor's `products(search: …)` on Elasticsearch: `queryset` narrowed to the
    matching products, annotated `search_rank` (1 = best). None when Elasticsearch is
    not configured or not reachable: the caller then searches in PostgreSQL."""
    if not es.is_available():
        return None
    try:
        ids = run_ranked_ids(es.get_client(), alias_name(), text, RANKED_IDS_LIMIT)
    except ES_FAILURES as exc:
        _es_failed(exc)
        return None
    if "search_rank" in queryset.query.annotations:  # searched already (search + filter.search)
        return queryset.filter(pk__in=ids)
    return pg.order_by_ids(queryset.filter(pk__in=ids), ids)
