"""Sending outbox rows to the broker, with short timeouts, never twice at the same time.

`send_due()` is the one way rows leave the outbox, used both by the relay process and by the
background sender that each process starts for the rows it just committed (`send_soon`):
  1. in one transaction, claim due unsent rows with SELECT … FOR NO KEY UPDATE SKIP LOCKED
     (another sender skips them instead of waiting or sending them too);
  2. publish each to Celery over a connection that gives up after
     OUTBOX_BROKER_TIMEOUT_MS (connect and socket) and never retries;
  3. stamp `sent_at` on the sent ones and COMMIT.
A crash between 2 and 3 sends those rows again later: delivery is at least once, and every
consumer is idempotent. A broker that does not answer stops the batch and leaves the rows as
they were (the outage is not the rows' fault); a row the broker refuses for a reason of its
own is retried with exponential backoff (OUTBOX_RETRY_MAX_SECONDS at most).
"""

from __future__ import annotations

import datetime
import logging
import os
import threading
import time
from dataclasses import dataclass, field

# The project's Celery app (marketplace/celery.py), current once Django has loaded the
# `marketplace` package: the outbox sits below the project shell, so it does not import it.
from celery import current_app as app
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from kombu import Connection
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from outbox.lock_objects import lock_unsent_skipping_locked
from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

# Errors that say "the broker did not answer", as opposed to "this message is bad".
BROKER_DOWN = (KombuOperationalError, RedisConnectionError, RedisTimeoutError, OSError)


def broker_timeout() -> float:
    return int(getattr(settings, "OUTBOX_BROKER_TIMEOUT_MS", 1000)) / 1000


def broker_url() -> str:
    return str(app.conf.broker_write_url or app.conf.broker_url)


def broker_connection(url: str | None = None) -> Connection:
    """A connection to the Celery broker that fails within the timeout instead of retrying
    (kombu's defaults retry a refused connection for many seconds, or wait on a hung socket
    forever)."""
    timeout = broker_timeout()
    return Connection(
        url or broker_url(),
        connect_timeout=timeout,
        transport_options={
            **(app.conf.broker_transport_options or {}),
            "socket_connect_timeout": timeout,
            "socket_timeout": timeout,
            "max_retries": 0,
        },
    )


def retry_delay(attempts: int) -> datetime.timedelta:
    cap = int(getattr(settings, "OUTBOX_RETRY_MAX_SECONDS", 300))
    return datetime.timedelta(seconds=min(cap, 2 ** max(attempts - 1, 0)))


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    broker_down: bool = False
    errors: list[str] = field(default_factory=list)


def _publish(conn: Connection, message: OutboxMessage) -> str:
    result = app.send_task(
        message.task_name,
        args=list(message.args),
        kwargs=dict(message.kwargs),
        connection=conn,
        retry=False,
        # Nobody waits on these results; it also keeps send_task from subscribing to the
        # result backend (Redis) for each task.
        ignore_result=True,
    )
    return str(result.id)


def send_due(
    message_ids: list[int] | None = None, *, limit: int = 100, broker_url: str | None = None
) -> Outcome:
    """Send up to `limit` due unsent rows (only those of `message_ids` if given).

    Locks: the claimed outbox rows, FOR NO KEY UPDATE SKIP LOCKED, until they are stamped.
    """
    outcome = Outcome()
    now = timezone.now()
    with transaction.atomic():
        claimed = lock_unsent_skipping_locked().filter(next_attempt_at__lte=now)
        if message_ids is not None:
            claimed = claimed.filter(pk__in=message_ids)
        rows = list(claimed.order_by("next_attempt_at", "pk")[:limit])
        if not rows:
            return outcome
        with broker_connection(broker_url) as conn:
            for row in rows:
                try:
                    row.task_id = _publish(conn, row)
                except BROKER_DOWN as exc:
                    outcome.broker_down = True
                    outcome.errors.append(f"{type(exc).__name__}: {exc}")
                    break
                except Exception as exc:  # this message is refused; the others may go
                    row.attempts += 1
                    row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                    row.next_attempt_at = timezone.now() + retry_delay(row.attempts)
                    row.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                    outcome.failed += 1
                    outcome.errors.append(row.last_error)
                    logger.error("outbox message %s (%s) refused: %s", row.pk, row, exc)
                    continue
                row.sent_at = timezone.now()
                row.save(update_fields=["sent_at", "task_id"])
                outcome.sent += 1
    return outcome


# --- Sending right after commit, off the request's thread -----------------------------------


class _BackgroundSender:
    """One daemon thread per process: takes the ids of rows committed by this process and
    tries to send them at once. The request thread only appends ids to a list.

    After a failure it leaves that broker alone for OUTBOX_SENDER_PAUSE_SECONDS (the relay
    sends what is left), so a dead broker costs one timeout per pause, not one per commit.
    """

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.pending: list[int] = []
        self.busy = False
        self.changed = threading.Condition()
        self.quiet_until: dict[str, float] = {}  # broker URL → monotonic time
        self.thread = threading.Thread(target=self._run, name="outbox-sender", daemon=True)
        self.thread.start()

    def put(self, message_ids: list[int]) -> None:
        with self.changed:
            self.pending.extend(message_ids)
            self.changed.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: not self.pending and not self.busy, timeout)

    def _run(self) -> None:
        while True:
            with self.changed:
                self.changed.wait_for(lambda: bool(self.pending))
                # Everything committed meanwhile goes in the same batch.
                ids, self.pending, self.busy = sorted(set(self.pending)), [], True
            try:
                self._send(ids)
            finally:
                with self.changed:
                    self.busy = False
                    self.changed.notify_all()

    def _send(self, ids: list[int]) -> None:
        url = broker_url()
        if time.monotonic() < self.quiet_until.get(url, 0.0):
            return
        try:
            outcome = send_due(ids, limit=len(ids), broker_url=url)
        except Exception:
            logger.exception("outbox: sending after commit failed; the relay will send")
            outcome = Outcome(broker_down=True)
        finally:
            # This thread's connection must not outlive the batch (tests drop the database;
            # a PostgreSQL restart breaks it).
            connection.close()
        if outcome.broker_down:
            pause = float(getattr(settings, "OUTBOX_SENDER_PAUSE_SECONDS", 5))
            self.quiet_until[url] = time.monotonic() + pause
            logger.warning(
                "outbox: broker unavailable (%s); the relay will send the queued tasks",
                "; ".join(outcome.errors) or "error",
            )


_sender: _BackgroundSender | None = None
_sender_lock = threading.Lock()


def send_soon(message_ids: list[int]) -> None:
    """Hand just-committed rows to this process's background sender (never blocks)."""
    global _sender
    if not message_ids or not getattr(settings, "OUTBOX_SEND_AFTER_COMMIT", True):
        return
    with _sender_lock:
        if _sender is None or _sender.pid != os.getpid():  # first use, or a forked child
            _sender = _BackgroundSender()
    _sender.put(list(message_ids))


def wait_until_idle(timeout: float = 5.0) -> bool:
    """True once this process's background sender has tried everything handed to it (for
    a graceful shutdown, and for tests that must know the attempt is over)."""
    sender = _sender
    if sender is None or sender.pid != os.getpid():
        return True
    return sender.wait_idle(timeout)


__all__ = ["Outcome", "broker_connection", "send_due", "send_soon", "wait_until_idle"]
