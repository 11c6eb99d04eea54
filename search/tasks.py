"""Celery tasks that keep the product index in line with the database.

Tasks re-read the database and apply the listing rule; they never trust what the
caller thought the product looked like, so running one twice or late is harmless.
Elasticsearch outages are retried with backoff. They are queued through the outbox
(outbox/), in the transaction of the change, so a broker outage neither loses nor delays
the request that changed the product.
"""

from __future__ import annotations

import logging

from celery import shared_task
from elastic_transport import TransportError

from catalog.models import Channel
from search.client import is_configured
from search.index_queue import (  # noqa: F401  (re-exported: callers queue through here)
    BACKFILL_INDEX,
    INDEX_PRODUCTS,
    TASK_CHUNK,
    enqueue,
    reindex_products,
    schedule_backfill,
)
from search.indexer import BulkWriteError, Lookups, bulk_index, iter_sources, sync_products
from search.indices import alias_name, write_targets

log = logging.getLogger(__name__)

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
