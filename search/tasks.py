"""Celery tasks that keep the product index in line with the database.

Tasks re-read the database and apply the listing rule; they never trust what the
caller thought the product looked like, so running one twice or late is harmless.
Elasticsearch outages are retried with backoff.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from celery import shared_task
from django.db import transaction
from elastic_transport import TransportError

from search.client import is_configured
from search.indexer import BulkWriteError, Lookups, bulk_index, iter_sources, sync_products
from search.indices import alias_name, prefix_or_default, write_targets

log = logging.getLogger(__name__)

TASK_CHUNK = 500
RETRYABLE = (TransportError, BulkWriteError)


@shared_task(
    name="search.tasks.index_products",
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
    name="search.tasks.backfill_index",
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


def enqueue(product_ids: Iterable[int], prefix: str | None = None) -> None:
    """Send index tasks now (call it after commit). A broker failure is logged, never
    raised: the request that changed the product must not fail because of search."""
    ids = sorted({int(pk) for pk in product_ids})
    prefix = prefix_or_default(prefix)
    for start in range(0, len(ids), TASK_CHUNK):
        chunk = ids[start : start + TASK_CHUNK]
        try:
            index_products.delay(chunk, prefix)
        except Exception:
            log.exception("could not queue search indexing of products %s", chunk[:10])


def reindex_products(product_ids: Iterable[int], prefix: str | None = None) -> None:
    """Refresh these products' documents once the current transaction commits.

    For code that changes rows without model signals (queryset.update(), raw SQL), e.g.
    the certificate expiry job: call it with the ids it touched.
    """
    if not is_configured():
        return
    ids = sorted({int(pk) for pk in product_ids})
    if not ids:
        return
    prefix = prefix_or_default(prefix)
    transaction.on_commit(lambda: enqueue(ids, prefix), robust=True)


def schedule_backfill(prefix: str | None = None) -> None:
    try:
        backfill_index.delay(prefix_or_default(prefix))
    except Exception:
        log.exception("could not queue the search backfill")
