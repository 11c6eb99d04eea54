"""“Remind me”: one email 15 minutes before a session starts, exactly once per customer.

Design
- Nothing is scheduled per reminder. A beat task runs every 30 s and selects the reminders
  that are due *now*: not sent, not cancelled, session scheduled (or already live, if a
  tick was missed) and `session.starts_at - 15 min <= now < session.ends_at`. Because
  due-ness is computed from the session's current start on every tick, rescheduling moves
  every reminder by itself, and a restarted worker simply picks up what is due.
- Each due reminder is claimed with a conditional UPDATE `SET sent_at = now WHERE id = …
  AND sent_at IS NULL AND canceled_at IS NULL`, committed before the email is sent. Two
  workers racing on the same row: the second UPDATE re-evaluates its WHERE after the first
  commits and matches nothing, so only one of them sends.
- Email delivery is **at most once**: a duplicate reminder annoys more than a missed one
  helps. If the process dies between the claim and the send, that reminder is not sent
  (visible as `sent_at` set with `send_count = 0`). A send that *fails with an exception*
  (SMTP refused, timeout) is known not to have gone out, so the claim is undone and retried
  on later ticks, up to MAX_ATTEMPTS.
- Cancelling a session marks its pending reminders cancelled in the same transaction.
- A reminder already sent is not sent again if the session is later rescheduled.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import is_authenticated
from core.text import bilingual
from livestream.errors import fail
from livestream.models import Livestream, LivestreamReminder, LivestreamStatus

log = logging.getLogger(__name__)

LEAD = datetime.timedelta(minutes=15)
MAX_ATTEMPTS = 3
BATCH = 500


def cancel_reminders_of(livestream_id: int, now: datetime.datetime) -> int:
    """Pending reminders of a canceled session will never go out."""
    return LivestreamReminder.objects.filter(
        livestream_id=livestream_id, sent_at__isnull=True, canceled_at__isnull=True
    ).update(canceled_at=now)


def do_remind_me(
    user: User, pk: int, *, now: datetime.datetime | None = None
) -> LivestreamReminder:
    """Sign `user` up for a public scheduled session (idempotent; re-arms a cancelled one).

    Locks: none (the reminder row is got or created; the unique (session, user) index
    settles a race). One transaction, the outermost.
    """
    now = now or timezone.now()
    if not is_authenticated(user):
        fail(None, _("Sign in to get a reminder."), "PERMISSION_DENIED")
    livestream = Livestream.objects.filter(pk=pk).first()
    if livestream is None or not livestream.is_public:
        fail("id", _("Livestream not found."), "NOT_FOUND")
    if livestream.status != LivestreamStatus.SCHEDULED:
        fail("id", _("Reminders can be set only for upcoming sessions."), "INVALID_STATUS")
    with transaction.atomic(durable=True):
        reminder, created = LivestreamReminder.objects.get_or_create(
            livestream=livestream, user=user, defaults={"created_at": now}
        )
        if not created and reminder.canceled_at is not None and reminder.sent_at is None:
            reminder.canceled_at = None
            reminder.save(update_fields=["canceled_at"])
    return reminder


def do_cancel_reminder(user: User, pk: int, *, now: datetime.datetime | None = None) -> bool:
    """Stop a pending reminder; True when one was pending.

    Locks: none (one conditional UPDATE, autocommit).
    """
    now = now or timezone.now()
    if not is_authenticated(user):
        fail(None, _("Sign in first."), "PERMISSION_DENIED")
    if not Livestream.objects.filter(pk=pk).exists():
        fail("id", _("Livestream not found."), "NOT_FOUND")
    changed = LivestreamReminder.objects.filter(
        livestream_id=pk, user=user, sent_at__isnull=True, canceled_at__isnull=True
    ).update(canceled_at=now)
    return changed == 1


def due_reminders(now: datetime.datetime) -> QuerySet[LivestreamReminder]:
    return LivestreamReminder.objects.filter(
        Q(livestream__is_programme=False) | Q(livestream__approved_at__isnull=False),
        sent_at__isnull=True,
        canceled_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
        livestream__status__in=(LivestreamStatus.SCHEDULED, LivestreamStatus.LIVE),
        livestream__starts_at__lte=now + LEAD,
        livestream__ends_at__gt=now,
    ).order_by("livestream__starts_at", "pk")


def claim_reminder(pk: int, now: datetime.datetime) -> bool:
    """The at-most-once gate: only one caller ever turns sent_at from NULL to a time.

    The filter is on the reminder row's own columns only, so PostgreSQL re-checks it on the
    latest row version when two UPDATEs race (a join would be re-checked against a stale
    snapshot)."""
    return (
        LivestreamReminder.objects.filter(
            pk=pk, sent_at__isnull=True, canceled_at__isnull=True
        ).update(sent_at=now)
        == 1
    )


def _when(livestream: Livestream) -> str:
    return timezone.localtime(livestream.starts_at).strftime("%H:%M %d/%m/%Y")


def reminder_email(reminder: LivestreamReminder) -> EmailMultiAlternatives:
    """Vietnamese first, English below, in one message."""
    livestream = reminder.livestream
    when = _when(livestream)
    name = reminder.user.first_name or reminder.user.email
    watch = livestream.stream_url
    subject = bilingual(_("Starting soon: %(title)s"), title=livestream.title)
    text = (
        f"Chào {name},\n\n"
        f"Buổi phát trực tiếp “{livestream.title}” bắt đầu lúc {when} (giờ Việt Nam).\n"
        f"Xem tại: {watch}\n"
        "Giá livestream chỉ áp dụng trong thời gian phát.\n\n"
        "---\n\n"
        f"Hello {name},\n\n"
        f"The live session “{livestream.title}” starts at {when} (Vietnam time).\n"
        f"Watch it at: {watch}\n"
        "Live prices apply only while the session is live.\n\n"
        "OCOP Marketplace\n"
    )
    html = (
        f"<p>Chào {escape(name)},</p>"
        f"<p>Buổi phát trực tiếp <strong>{escape(livestream.title)}</strong> bắt đầu lúc "
        f'{when} (giờ Việt Nam). <a href="{escape(watch)}">Xem trực tiếp</a>.</p>'
        "<hr>"
        f"<p>Hello {escape(name)},</p>"
        f"<p>The live session <strong>{escape(livestream.title)}</strong> starts at {when} "
        f'(Vietnam time). <a href="{escape(watch)}">Watch live</a>.</p>'
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.user.email or ""],  # send_reminder skips accounts without one
        headers={"X-OCOP-Livestream": str(livestream.pk), "X-OCOP-Reminder": str(reminder.pk)},
    )
    message.attach_alternative(html, "text/html")
    return message


def send_reminder(pk: int, now: datetime.datetime) -> bool:
    """Claim, then send one reminder. True when this call sent it."""
    if not claim_reminder(pk, now):
        return False
    reminder = LivestreamReminder.objects.select_related("livestream", "user").get(pk=pk)
    if not reminder.user.email:
        return False  # an account signed in by phone only: nothing to send it to
    try:
        reminder_email(reminder).send(fail_silently=False)
    except Exception as exc:
        # Known not to have gone out: undo the claim so a later tick retries it.
        log.warning("livestream reminder %s failed: %s", pk, exc)
        LivestreamReminder.objects.filter(pk=pk, sent_at=now).update(
            sent_at=None, attempts=F("attempts") + 1, last_error=str(exc)[:1000]
        )
        return False
    LivestreamReminder.objects.filter(pk=pk).update(
        send_count=F("send_count") + 1, attempts=F("attempts") + 1
    )
    return True


@dataclass
class ReminderRun:
    sent: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, list[int]]:
        return {"sent": self.sent, "skipped": self.skipped}


def send_due_reminders(now: datetime.datetime | None = None) -> ReminderRun:
    """The beat task's body. Runs in autocommit: each claim commits before its email."""
    now = now or timezone.now()
    run = ReminderRun()
    for pk in list(due_reminders(now).values_list("pk", flat=True)[:BATCH]):
        (run.sent if send_reminder(pk, now) else run.skipped).append(pk)
    return run
