"""Celery tasks that keep the product index in line with the database.

Tasks re-read the database and apply the listing rule; they never trust what the
caller thought the product looked like, so running one twice or late is harmless.
Elasticsearch outages are retried with backoff. They are queued through the outbox
(outbox/), in the transaction of the change, so a broker outage neither loses nor delays
the request that changed the product.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.db.models import Q
from django.utils import timezone
from elastic_transport import TransportError

from catalog.models import Channel, CollectionProduct
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


# A featured collection's window opens and closes with nothing written, but each product's
# search document carries "featured" as of its indexing: the beat reindexes the products
# of collections whose window edge passed since the last tick. Twice the tick, so a late
# tick misses nothing; a product reindexed twice is harmless.
WINDOW_TICK = datetime.timedelta(seconds=60)


def products_at_window_edges(since: datetime.datetime, until: datetime.datetime) -> list[int]:
    """Products of featured collections that started or ended in (since, until]."""
    edge = Q(collection__starts_at__gt=since, collection__starts_at__lte=until) | Q(
        collection__ends_at__gt=since, collection__ends_at__lte=until
    )
    return sorted(
        set(
            CollectionProduct.objects.filter(edge, collection__is_featured=True).values_list(
                "product_id", flat=True
            )
        )
    )


@shared_task(name="search.tasks.refresh_collection_windows")
def refresh_collection_windows(prefix: str | None = None) -> int:
    """Queue a reindex of the products whose featured collection opened or closed during
    the last two ticks; the number of products queued."""
    if not is_configured():
        return 0
    now = timezone.now()
    ids = products_at_window_edges(now - 2 * WINDOW_TICK, now)
    if ids:
        enqueue(ids, prefix)
    return len(ids)
