"""Publishing a task = inserting an outbox row in the caller's transaction.

`publish()` never talks to the broker: the row commits or rolls back with the work it
belongs to, so a task is neither lost (broker down, process killed after COMMIT) nor sent
for work that was undone. One after-commit hook per transaction hands the committed rows'
ids to this process's background sender (sender.py), which tries the broker at once with a
short timeout; whatever it could not send, the relay process (`ocop relay`) sends later.

Called outside a transaction (autocommit), the INSERT commits by itself: the caller's own
writes are already committed, so there is nothing to be atomic with.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction

from outbox.models import OutboxMessage
from outbox.sender import send_soon


class AfterCommit:
    """The outbox's one on_commit callback of a transaction.

    It also carries per-transaction state for publishers that merge their calls (search
    collects every product touched by a transaction into one task): `state`.
    """

    def __init__(self) -> None:
        self.message_ids: list[int] = []
        self.state: dict[Any, Any] = {}

    def __call__(self) -> None:
        send_soon(self.message_ids)


def _after_commit(using: str) -> AfterCommit:
    """The current transaction's hook, registered on first use.

    Found among the connection's pending on_commit callbacks: a hook registered in a
    savepoint that rolled back was discarded with it, so a new one is made.
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        for _savepoints, func, _robust in connection.run_on_commit:
            if isinstance(func, AfterCommit):
                return func
    hook = AfterCommit()
    if connection.in_atomic_block:
        transaction.on_commit(hook, using=using, robust=True)
    return hook


def task_name(task: str | Any) -> str:
    """A Celery task object or its registered name."""
    return task if isinstance(task, str) else str(task.name)


def publish(task: str | Any, *args: Any, **kwargs: Any) -> OutboxMessage:
    """Queue `task(*args, **kwargs)` with the current transaction (arguments must be JSON).

    Writes one row; takes no lock beyond the new row's own.
    """
    message = OutboxMessage.objects.create(task_name=task_name(task), args=args, kwargs=kwargs)
    _note(message.pk)
    return message


def _note(message_id: int, using: str = DEFAULT_DB_ALIAS) -> None:
    hook = _after_commit(using)
    hook.message_ids.append(message_id)
    if not transaction.get_connection(using).in_atomic_block:
        hook()  # autocommit: the row is committed already


def transaction_state(using: str = DEFAULT_DB_ALIAS) -> dict[Any, Any] | None:
    """A dict that lives as long as the current transaction (None outside one), for
    publishers that merge several calls of a transaction into one message."""
    if not transaction.get_connection(using).in_atomic_block:
        return None
    return _after_commit(using).state


def replace_args(message_id: int, *args: Any, **kwargs: Any) -> bool:
    """Rewrite the arguments of a message this transaction published and has not committed
    (its row is still ours alone). False when the row is gone (its savepoint rolled back):
    publish a new one instead."""
    updated = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(
        args=list(args), kwargs=kwargs
    )
    return updated == 1
