"""“Remind me”: exactly one email per customer and session, 15 minutes before the start,
following reschedules, never after a cancel, even with racing or restarted workers."""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from livestream.errors import ValidationErrors
from livestream.models import LivestreamReminder
from livestream.reminders import (
    MAX_ATTEMPTS,
    do_cancel_reminder,
    do_remind_me,
    send_due_reminders,
)
from livestream.scheduling import do_cancel, do_update_livestream
from livestream.tasks import send_due_livestream_reminders
from tests import factories

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)
slate = pytest.mark.usefixtures("empty_database")


def signed_up(session: Any, count: int = 2) -> list[Any]:
    customers = [factories.user(first_name=f"Khách {i}") for i in range(count)]
    for customer in customers:
        do_remind_me(customer, session.pk)
    return customers


def test_it_sends_one_reminder_15_minutes_before_the_start(db: Any) -> None:
    # given a session at +2h with two sign-ups
    session = factories.livestream(starts_in=datetime.timedelta(hours=2))
    customers = signed_up(session)
    # when the beat task runs 16 minutes before, 15 minutes before, and again later
    early = send_due_reminders(session.starts_at - datetime.timedelta(minutes=16))
    due = send_due_reminders(session.starts_at - datetime.timedelta(minutes=15))
    again = send_due_reminders(session.starts_at - datetime.timedelta(minutes=14))
    # then each customer got exactly one email, at the due tick
    assert (len(early.sent), len(due.sent), len(again.sent)) == (0, 2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in customers)
    assert list(LivestreamReminder.objects.values_list("send_count", flat=True)) == [1, 1]
    # in Vietnamese first, then English
    message = mail.outbox[0]
    assert message.subject == (
        f"Sắp phát trực tiếp: {session.title} / Starting soon: {session.title}"
    )
    local = timezone.localtime(session.starts_at).strftime("%H:%M %d/%m/%Y")
    assert f"bắt đầu lúc {local} (giờ Việt Nam)" in message.body
    assert f"starts at {local} (Vietnam time)" in message.body
    assert message.body.index("Chào") < message.body.index("Hello")
    assert session.stream_url in message.body


def test_it_moves_reminders_with_a_reschedule(db: Any) -> None:
    # given a session at +2h with a sign-up, moved to +5h
    session = factories.livestream(starts_in=datetime.timedelta(hours=2))
    signed_up(session, 1)
    old_due = session.starts_at - datetime.timedelta(minutes=15)
    starts = session.starts_at + datetime.timedelta(hours=3)
    do_update_livestream(
        session.host,
        session.pk,
        {"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=1)},
    )
    # when the old due time passes, nothing goes out; at the new one, the reminder does
    assert send_due_reminders(old_due).sent == []
    assert len(send_due_reminders(starts - datetime.timedelta(minutes=15)).sent) == 1
    assert len(mail.outbox) == 1


def test_it_sends_nothing_for_a_canceled_session(db: Any) -> None:
    session = factories.livestream(starts_in=datetime.timedelta(minutes=10))
    signed_up(session)
    do_cancel(session.host, session.pk)
    assert send_due_reminders().sent == []
    assert mail.outbox == []


def test_it_sends_nothing_to_a_customer_who_changed_their_mind(db: Any) -> None:
    session = factories.livestream(starts_in=datetime.timedelta(minutes=10))
    stays, leaves = signed_up(session)
    assert do_cancel_reminder(leaves, session.pk) is True
    send_due_reminders()
    assert [m.to for m in mail.outbox] == [[stays.email]]


def test_it_sends_a_reminder_missed_before_the_start_while_live(db: Any) -> None:
    # given a sign-up whose due tick was missed, the session now live
    session = factories.livestream(starts_in=datetime.timedelta(hours=1))
    signed_up(session, 1)
    session.status = "live"
    session.save(update_fields=["status"])
    # then the next tick during the session still sends it; after the end nothing would
    assert len(send_due_reminders(session.starts_at + datetime.timedelta(minutes=1)).sent) == 1


def test_it_takes_reminders_only_for_upcoming_public_sessions(db: Any) -> None:
    customer = factories.user()
    live = factories.livestream(status="live", starts_in=-datetime.timedelta(minutes=1))
    draft = factories.livestream(status="draft")
    with pytest.raises(ValidationErrors) as not_upcoming:
        do_remind_me(customer, live.pk)
    with pytest.raises(ValidationErrors) as hidden:
        do_remind_me(customer, draft.pk)
    assert (not_upcoming.value.errors[0].code, hidden.value.errors[0].code) == (
        "INVALID_STATUS",
        "NOT_FOUND",
    )
    assert LivestreamReminder.objects.count() == 0


def test_it_keeps_one_reminder_per_customer_and_session(db: Any) -> None:
    session = factories.livestream()
    customer = factories.user()
    for _ in range(3):
        do_remind_me(customer, session.pk)
    do_cancel_reminder(customer, session.pk)
    do_remind_me(customer, session.pk)
    reminder = LivestreamReminder.objects.get()
    assert (reminder.user, reminder.canceled_at) == (customer, None)


def test_it_retries_a_send_that_failed_and_then_gives_up(db: Any, settings: Any) -> None:
    # given an SMTP server that refuses connections
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    session = factories.livestream(starts_in=datetime.timedelta(minutes=10))
    signed_up(session, 1)
    # when the task runs more times than the retry budget
    runs = [send_due_reminders() for _ in range(MAX_ATTEMPTS + 1)]
    # then each failure was undone for a retry, up to MAX_ATTEMPTS, and nothing counted as sent
    assert [len(run.skipped) for run in runs] == [1] * MAX_ATTEMPTS + [0]
    reminder = LivestreamReminder.objects.get()
    assert (reminder.sent_at, reminder.send_count, reminder.attempts) == (None, 0, MAX_ATTEMPTS)
    assert reminder.last_error != ""


@transactional
@slate
def test_it_sends_exactly_once_when_ticks_race_in_process(transactional_db: Any) -> None:
    # given ten customers signed up for a session starting in 10 minutes
    session = factories.livestream(starts_in=datetime.timedelta(minutes=10))
    customers = signed_up(session, 10)
    barrier = threading.Barrier(6)

    def tick(_: int) -> int:
        try:
            barrier.wait(timeout=30)
            return len(send_due_reminders().sent)
        finally:
            connection.close()

    # when six workers run the reminder task at the same moment
    with ThreadPoolExecutor(max_workers=6) as pool:
        sent = sum(pool.map(tick, range(6)))
    # then every customer got exactly one email
    assert sent == 10
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in customers)
    assert set(LivestreamReminder.objects.values_list("send_count", flat=True)) == {1}


@transactional
@slate
def test_it_sends_exactly_once_through_the_real_worker(
    transactional_db: Any, celery_worker: Any
) -> None:
    # given four customers signed up for a session starting in 10 minutes
    session = factories.livestream(starts_in=datetime.timedelta(minutes=10))
    signed_up(session, 4)
    # when the worker runs the task twice at once, then once more (as after a restart)
    first, second = send_due_livestream_reminders.delay(), send_due_livestream_reminders.delay()
    results = [first.get(timeout=30), second.get(timeout=30)]
    results.append(send_due_livestream_reminders.delay().get(timeout=30))
    # then the worker sent four emails in all: one per customer (its outbox is not ours,
    # so the database says it: sent_at set and one send counted per reminder)
    assert sum(len(r["sent"]) for r in results) == 4
    assert results[2]["sent"] == []
    reminders = LivestreamReminder.objects.all()
    assert [(r.sent_at is not None, r.send_count) for r in reminders] == [(True, 1)] * 4
    assert mail.outbox == []
