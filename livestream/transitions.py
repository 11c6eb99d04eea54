"""Going live and ending: automatically at the planned times, or by the host's hand.

`transition_due_sessions` is what the Celery beat task runs every 15 s. Each transition is a
conditional UPDATE (`status = 'scheduled' AND starts_at <= now` → live, `status = 'live'
AND ends_at <= now` → ended) with RETURNING, so:
- a missed tick or a restarted worker is harmless: the next tick sees the same due rows;
- two workers never double-transition: the second UPDATE waits for the first one's row
  lock, re-evaluates its WHERE on the new row version, and no longer matches;
- each transition writes exactly one LivestreamTransition row, in the same transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from livestream import lock_objects
from livestream.errors import fail
from livestream.events import announce_state
from livestream.models import LiveOfferPin, Livestream, LivestreamStatus, LivestreamTransition
from livestream.reminders import cancel_reminders_of
from livestream.scheduling import _lock_for_host, check_no_overlap, check_runs, check_status

# A host may go on air a little before the announced start (warming up the audience).
EARLY_START = datetime.timedelta(minutes=30)
NOT_APPROVED_REASON = _("Not approved by an officer before its end.")


@dataclass
class TransitionReport:
    started: list[int] = field(default_factory=list)
    ended: list[int] = field(default_factory=list)
    canceled: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, list[int]]:
        return {"started": self.started, "ended": self.ended, "canceled": self.canceled}


def _update_returning(sql: str, params: dict[str, Any]) -> list[int]:
    table = Livestream._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=table), params)
        return sorted(row[0] for row in cursor.fetchall())


def _record_all(ids: list[int], from_status: str, to_status: str, now: datetime.datetime) -> None:
    LivestreamTransition.objects.bulk_create(
        LivestreamTransition(
            livestream_id=pk, from_status=from_status, to_status=to_status, created_at=now
        )
        for pk in ids
    )


def _announce(ids: list[int], kind: str) -> None:
    """Viewers learn of the transition once it commits (the watch page shows "ended", the
    host console its figures), not only when they next reconnect."""
    for pk in ids:
        announce_state(pk, kind)


def _close_pins(ids: list[int], now: datetime.datetime) -> None:
    """An ended session's pin ends with it: the replay's timeline shows the last pinned
    offer until the end of the stream, not forever (its row would stay open)."""
    LiveOfferPin.objects.filter(livestream_id__in=ids, unpinned_at__isnull=True).update(
        unpinned_at=now
    )


def end_due(now: datetime.datetime) -> list[int]:
    with transaction.atomic():
        ids = _update_returning(
            "UPDATE {table} SET status = 'ended', ended_at = %(now)s, updated_at = %(now)s "
            "WHERE status = 'live' AND ends_at <= %(now)s RETURNING id",
            {"now": now},
        )
        _record_all(ids, LivestreamStatus.LIVE, LivestreamStatus.ENDED, now)
        _close_pins(ids, now)
        _announce(ids, "session.ended")
    return ids


def start_due(now: datetime.datetime) -> list[int]:
    """Public scheduled sessions whose window contains `now` go live."""
    with transaction.atomic():
        ids = _update_returning(
            "UPDATE {table} SET status = 'live', started_at = %(now)s, updated_at = %(now)s "
            "WHERE status = 'scheduled' AND starts_at <= %(now)s AND ends_at > %(now)s "
            "AND (NOT is_programme OR approved_at IS NOT NULL) RETURNING id",
            {"now": now},
        )
        _record_all(ids, LivestreamStatus.SCHEDULED, LivestreamStatus.LIVE, now)
        _announce(ids, "session.live")
    return ids


def close_missed(now: datetime.datetime) -> tuple[list[int], list[int]]:
    """Scheduled sessions whose whole window passed without a tick (workers down): they end
    without having been live here (no live prices applied); unapproved programme sessions
    were never public and are canceled."""
    with transaction.atomic():
        ended = _update_returning(
            "UPDATE {table} SET status = 'ended', ended_at = %(now)s, updated_at = %(now)s "
            "WHERE status = 'scheduled' AND ends_at <= %(now)s "
            "AND (NOT is_programme OR approved_at IS NOT NULL) RETURNING id",
            {"now": now},
        )
        _record_all(ended, LivestreamStatus.SCHEDULED, LivestreamStatus.ENDED, now)
        _close_pins(ended, now)
        _announce(ended, "session.ended")
        canceled = _update_returning(
            "UPDATE {table} SET status = 'canceled', canceled_at = %(now)s, "
            "cancel_reason = %(reason)s, updated_at = %(now)s "
            "WHERE status = 'scheduled' AND ends_at <= %(now)s RETURNING id",
            {"now": now, "reason": str(NOT_APPROVED_REASON)},
        )
        _record_all(canceled, LivestreamStatus.SCHEDULED, LivestreamStatus.CANCELED, now)
        for pk in canceled:
            cancel_reminders_of(pk, now)
    return ended, canceled


def transition_due_sessions(now: datetime.datetime | None = None) -> TransitionReport:
    """The beat task's body: end due live sessions, start due scheduled ones, close missed.
    Safe to run any number of times, concurrently, late, or after a restart."""
    now = now or timezone.now()
    report = TransitionReport()
    report.ended = end_due(now)
    report.started = start_due(now)
    missed_ended, report.canceled = close_missed(now)
    report.ended += missed_ended
    return report


def do_start(actor: User, pk: int, *, now: datetime.datetime | None = None) -> Livestream:
    """The host goes live by hand: at most EARLY_START before the planned start (the start
    then moves to now, re-checked against the host's other sessions).

    Locks: the host's schedule (advisory, `lock_host`), then the session row, FOR NO KEY
    UPDATE (`lock_livestream`). One transaction, the outermost.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        livestream = _lock_for_host(pk)
        check_runs(actor, livestream)
        check_status(livestream, (LivestreamStatus.SCHEDULED,))
        if not livestream.is_public:
            fail(
                "id",
                _("The programme session has not been approved by an officer yet."),
                "NOT_APPROVED",
            )
        if now >= livestream.ends_at:
            fail("id", _("The session's time is over."), "SESSION_OVER")
        if now < livestream.starts_at - EARLY_START:
            minutes = int(EARLY_START.total_seconds() // 60)
            fail(
                "id",
                _("A session can start at most %(minutes)s minutes early."),
                "TOO_EARLY",
                minutes=minutes,
            )
        if now < livestream.starts_at:
            check_no_overlap(livestream.host_id, now, livestream.ends_at, livestream.pk)
            livestream.starts_at = now
        livestream.status = LivestreamStatus.LIVE
        livestream.started_at = now
        livestream.save(update_fields=["status", "starts_at", "started_at", "updated_at"])
        LivestreamTransition.objects.create(
            livestream=livestream,
            from_status=LivestreamStatus.SCHEDULED,
            to_status=LivestreamStatus.LIVE,
            actor=actor,
            created_at=now,
        )
        _announce([livestream.pk], "session.live")
    return livestream


def do_end(actor: User, pk: int, *, now: datetime.datetime | None = None) -> Livestream:
    """The host ends the session by hand; its window then closes now (live prices stop at
    once, and the host may schedule the next session from this moment).

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`), then its open pin row
    (the UPDATE's own row lock, closing it). One transaction, the outermost.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        livestream = lock_objects.lock_livestream(pk)
        if livestream is None:
            fail("id", _("Livestream not found."), "NOT_FOUND")
        check_runs(actor, livestream)
        check_status(livestream, (LivestreamStatus.LIVE,))
        livestream.status = LivestreamStatus.ENDED
        livestream.ended_at = now
        livestream.ends_at = min(livestream.ends_at, now)
        livestream.save(update_fields=["status", "ended_at", "ends_at", "updated_at"])
        LivestreamTransition.objects.create(
            livestream=livestream,
            from_status=LivestreamStatus.LIVE,
            to_status=LivestreamStatus.ENDED,
            actor=actor,
            created_at=now,
        )
        _close_pins([livestream.pk], now)
        _announce([livestream.pk], "session.ended")
    return livestream
