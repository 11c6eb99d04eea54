"""Celery tasks that keep the product index in line with the database.

Tasks re-read the database and apply the listing rule; they never trust what the
caller thought the product looked like, so running one twice or late is harmless.
Elasticsearch outages are retried with backoff. They are queued through the outbox
(outbox/), in the transaction of the change, so a broker outage neither loses nor delays
the request that changed the product.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from celery import shared_task
from django.db import transaction
from elastic_transport import TransportError

from outbox.publish import publish, replace_args, transaction_state
from search.client import is_configured
from search.indexer import BulkWriteError, Lookups, bulk_index, iter_sources, sync_products
from search.indices import alias_name, prefix_or_default, write_targets

log = logging.getLogger(__name__)

TASK_CHUNK = 500
INDEX_PRODUCTS = "search.tasks.index_products"
BACKFILL_INDEX = "search.tasks.backfill_index"
RETRYABLE = (TransportError, BulkWriteError)


@shared_task(
    name=INDEX_PRODUCTS,
    autoretry_for=RETRYABLE,
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=12,
)
def index_products(product_ids: list[int], prefix: str | None = None) -> dict[str, int]:
    """Index the listable ones among `product_ids`, delete the others' documents.

    `prefix` is the index prefix of the process that queued the task (tests use their
    own), defaulting to settings.ELASTICSEARCH_INDEX_PREFIX.
    """
    if not is_configured():
        return {"indexed": 0, "deleted": 0}
    return sync_products(product_ids, prefix)


@shared_task(
    name=BACKFILL_INDEX,
    autoretry_for=RETRYABLE,
    retry_backoff=5,
    max_retries=5,
)
def backfill_index(prefix: str | None = None) -> int:
    """Fill a just-created index with every listable product (first use on a database
    that already has products). Only fills gaps: documents already there win."""
    from catalog.models import Channel

    targets = write_targets(prefix)
    if not is_configured() or not targets:
        return 0
    done = 0
    lookups = Lookups.load()
    for channel in Channel.objects.filter(is_active=True).order_by("pk"):
        for index in targets:
            counts = bulk_index(iter_sources(channel, lookups), index, op_type="create")
            done += max(counts, default=0)
    log.info("backfilled %s with %d documents", alias_name(prefix), done)
    return done


class IndexBatch:
    """The products one transaction (savepoint level) asked to index, as outbox rows of at
    most TASK_CHUNK ids each: every change of a transaction rides in the same rows."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.ids: set[int] = set()
        self.chunks: list[tuple[int | None, list[int]]] = []  # (outbox row, product ids)

    def add(self, ids: set[int]) -> None:
        new = sorted(ids - self.ids)
        if not new:
            return
        self.ids.update(new)
        touched: list[int] = []
        for pk in new:
            if not self.chunks or len(self.chunks[-1][1]) >= TASK_CHUNK:
                self.chunks.append((None, []))
            self.chunks[-1][1].append(pk)
            if not touched or touched[-1] != len(self.chunks) - 1:
                touched.append(len(self.chunks) - 1)
        for i in touched:
            message_id, chunk = self.chunks[i]
            if message_id is None or not replace_args(message_id, chunk, self.prefix):
                self.chunks[i] = (publish(INDEX_PRODUCTS, chunk, self.prefix).pk, chunk)


def enqueue(product_ids: Iterable[int], prefix: str | None = None) -> None:
    """Queue index tasks with the current transaction: outbox rows that commit with the
    change (or with nothing, outside a transaction), merged with every other change of the
    transaction. Never waits on the broker, so search cannot fail the request."""
    ids = {int(pk) for pk in product_ids}
    if not ids:
        return
    prefix = prefix_or_default(prefix)
    state = transaction_state()
    if state is None:
        IndexBatch(prefix).add(ids)
        return
    # One batch per savepoint level: rows written in a savepoint that rolls back go with
    # it, and the batch of the level that survives never believes it holds their ids.
    key = ("search-index", prefix, tuple(transaction.get_connection().savepoint_ids))
    batch = state.get(key)
    if batch is None:
        batch = state[key] = IndexBatch(prefix)
    batch.add(ids)


def reindex_products(product_ids: Iterable[int], prefix: str | None = None) -> None:
    """Refresh these products' documents once the current transaction commits.

    For code that changes rows without model signals (queryset.update(), raw SQL), e.g.
    the certificate expiry job: call it with the ids it touched, inside its transaction.
    """
    if not is_configured():
        return
    enqueue(product_ids, prefix)


def schedule_backfill(prefix: str | None = None) -> None:
    publish(BACKFILL_INDEX, prefix_or_default(prefix))
