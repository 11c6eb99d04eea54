"""`ocop relay`: the process that sends outbox rows to Celery whenever the broker answers.

Each process already tries to send the rows it commits (sender.send_soon); the relay sends
whatever that missed: the broker was down, the process died after COMMIT, a row was refused.
It polls every OUTBOX_RELAY_POLL_MS, backs off to OUTBOX_RELAY_MAX_IDLE_SECONDS while the
broker is down, and survives the database going away (it reconnects). Several relays may
run at once: rows are claimed with SKIP LOCKED (see sender.send_due), never sent by two.
Sent rows are deleted OUTBOX_KEEP_SENT_HOURS after sending.
"""

from __future__ import annotations

import datetime
import logging
import signal
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.sender import Outcome, send_due

logger = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 600
PURGE_CHUNK = 5000


def relay_once(*, limit: int = 100, broker_url: str | None = None) -> Outcome:
    """Send every due row, `limit` per transaction, until none is left or the broker is down."""
    total = Outcome()
    while True:
        batch = send_due(limit=limit, broker_url=broker_url)
        total.sent += batch.sent
        total.failed += batch.failed
        total.errors += batch.errors
        if batch.broker_down:
            total.broker_down = True
            return total
        if batch.sent + batch.failed < limit:
            return total


def purge_sent(now: datetime.datetime | None = None) -> int:
    """Delete rows sent more than OUTBOX_KEEP_SENT_HOURS ago, in chunks (short locks)."""
    keep = datetime.timedelta(hours=int(getattr(settings, "OUTBOX_KEEP_SENT_HOURS", 24)))
    cutoff = (now or timezone.now()) - keep
    deleted = 0
    while True:
        ids = list(
            OutboxMessage.objects.filter(sent_at__lt=cutoff).values_list("pk", flat=True)[
                :PURGE_CHUNK
            ]
        )
        if not ids:
            return deleted
        deleted += OutboxMessage.objects.filter(pk__in=ids).delete()[0]


@dataclass(frozen=True)
class Backlog:
    unsent: int
    oldest_seconds: float | None


def backlog() -> Backlog:
    """How many rows wait and for how long (for /healthz and `ocop doctor`)."""
    pending = OutboxMessage.objects.filter(sent_at__isnull=True)
    oldest = pending.order_by("created_at").values_list("created_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else None
    return Backlog(pending.count(), age)


def run_forever(stop: threading.Event | None = None) -> None:
    """Relay until `stop` is set (SIGTERM/SIGINT set it when run from the main thread)."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    poll = int(getattr(settings, "OUTBOX_RELAY_POLL_MS", 1000)) / 1000
    max_idle = float(getattr(settings, "OUTBOX_RELAY_MAX_IDLE_SECONDS", 5))
    delay, down_since, last_purge = poll, 0.0, 0.0
    logger.info("outbox relay started (poll %.1f s)", poll)
    while not stop.is_set():
        try:
            outcome = relay_once()
            if outcome.sent:
                logger.info("outbox relay: sent %d task(s)", outcome.sent)
            if outcome.broker_down:
                if not down_since:
                    down_since = time.monotonic()
                    logger.warning("outbox relay: broker unavailable: %s", outcome.errors[-1])
                delay = min(max(delay * 2, poll), max_idle)
            else:
                if down_since:
                    logger.info(
                        "outbox relay: broker back after %.0f s", time.monotonic() - down_since
                    )
                down_since, delay = 0.0, poll
            if time.monotonic() - last_purge > PURGE_EVERY_SECONDS:
                purged = purge_sent()
                last_purge = time.monotonic()
                if purged:
                    logger.info("outbox relay: purged %d sent row(s)", purged)
        except DatabaseError as exc:
            logger.warning("outbox relay: database unavailable: %s", exc)
            connection.close()  # reconnect next time
            delay = min(max(delay * 2, poll), max_idle)
        stop.wait(delay)
    connection.close()
    logger.info("outbox relay stopped")


def main() -> int:
    """Entry point of `ocop relay` (Django is set up, and logging configured, by the CLI)."""
    run_forever()
    return 0
