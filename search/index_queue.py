"""Queueing index work: outbox rows, by task name, in the transaction of the change.

Kept apart from the Celery tasks (search/tasks.py) that run it, so the indexer and the
"live now" flag, which queue work, and the tasks, which call the indexer, never import
each other. The task names are the tasks' registered names (unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from outbox.publish import publish, replace_args, transaction_state
from search.client import is_configured
from search.indices import prefix_or_default

TASK_CHUNK = 500
INDEX_PRODUCTS = "search.tasks.index_products"
BACKFILL_INDEX = "search.tasks.backfill_index"


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
