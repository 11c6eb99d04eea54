"""Sessions go live and end at their times, exactly once, by the beat task (also through a
real Celery worker), or by the host's hand."""

from __future__ import annotations

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from livestream.errors import ValidationErrors
from livestream.models import LiveOfferPin, Livestream, LivestreamStatus, LivestreamTransition
from livestream.tasks import transition_due_livestreams
from livestream.transitions import do_end, do_start, transition_due_sessions
from marketplace.celery import app
from tests import factories

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)
slate = pytest.mark.usefixtures("empty_database")


def statuses(*sessions: Livestream) -> list[str]:
    return [Livestream.objects.get(pk=s.pk).status for s in sessions]


def moves(session: Livestream) -> list[tuple[str, str]]:
    return list(
        LivestreamTransition.objects.filter(livestream=session).values_list(
            "from_status", "to_status"
        )
    )


def test_it_goes_live_at_the_start_and_ends_at_the_end(db: Any) -> None:
    # given a scheduled session from +1h to +2h
    session = factories.livestream(starts_in=datetime.timedelta(hours=1))
    # when the beat task runs before, at, during and after it
    before = transition_due_sessions(session.starts_at - datetime.timedelta(seconds=1))
    at_start = transition_due_sessions(session.starts_at)
    during = transition_due_sessions(session.starts_at + datetime.timedelta(minutes=30))
    at_end = transition_due_sessions(session.ends_at)
    # then it went live once, at its start, and ended once, at its end
    assert (before.started, at_start.started, during.started) == ([], [session.pk], [])
    assert (during.ended, at_end.ended) == ([], [session.pk])
    assert statuses(session) == [LivestreamStatus.ENDED]
    assert moves(session) == [("scheduled", "live"), ("live", "ended")]


def test_it_ends_a_session_whose_whole_window_was_missed(db: Any) -> None:
    # given a scheduled session whose window passed while no worker ran
    session = factories.livestream(starts_in=datetime.timedelta(hours=1))
    # when the first tick comes after its end
    report = transition_due_sessions(session.ends_at + datetime.timedelta(minutes=1))
    # then it is ended without ever having been live here
    assert report.ended == [session.pk]
    assert moves(session) == [("scheduled", "ended")]


def test_it_keeps_an_unapproved_programme_session_off_air(db: Any) -> None:
    # given an unapproved programme session
    session = factories.livestream(is_programme=True, programme_province=factories.province())
    # when its start and then its end pass
    transition_due_sessions(session.starts_at)
    assert statuses(session) == [LivestreamStatus.SCHEDULED]
    transition_due_sessions(session.ends_at)
    # then it never went live, and is canceled
    assert statuses(session) == [LivestreamStatus.CANCELED]


@transactional
@slate
def test_it_transitions_each_session_once_when_ticks_race(transactional_db: Any) -> None:
    # given five sessions due to go live
    sessions = [
        factories.livestream(starts_in=-datetime.timedelta(seconds=5 + i)) for i in range(5)
    ]
    barrier = threading.Barrier(8)

    def tick(_: int) -> list[int]:
        try:
            barrier.wait(timeout=30)
            return transition_due_sessions().started
        finally:
            connection.close()

    # when eight workers run the beat task at the same moment
    with ThreadPoolExecutor(max_workers=8) as pool:
        started = [pk for result in pool.map(tick, range(8)) for pk in result]
    # then each session went live exactly once
    assert sorted(started) == sorted(s.pk for s in sessions)
    assert LivestreamTransition.objects.filter(to_status="live").count() == 5


def test_it_schedules_the_transition_task_on_beat(db: Any) -> None:
    # given a session due to go live
    session = factories.livestream(starts_in=-datetime.timedelta(seconds=1))
    # when the task that beat's entry names runs (in-process here)
    entry = app.conf.beat_schedule["livestream-transitions"]
    result = app.tasks[entry["task"]].apply().get()
    # then it is the transition task, due at least every 30 s, and it started the session
    assert entry["task"] == transition_due_livestreams.name
    assert float(entry["schedule"]) <= 30
    assert result["started"] == [session.pk]
    reminders = app.conf.beat_schedule["livestream-reminders"]
    assert reminders["task"] == "livestream.tasks.send_due_livestream_reminders"
    assert float(reminders["schedule"]) <= 30


@transactional
@slate
def test_it_goes_live_and_ends_through_the_real_worker(
    transactional_db: Any, celery_worker: Any
) -> None:
    # given a session scheduled to start in 2 s and last 4 s, with offers from two sellers
    one, two = factories.seller(), factories.seller()
    session = factories.livestream(
        sellers=(one, two),
        starts_in=datetime.timedelta(seconds=2),
        duration=datetime.timedelta(seconds=4),
    )
    factories.live_offer(session, factories.product(owner=one))
    factories.live_offer(session, factories.product(owner=two))
    # when nobody touches it and the beat task runs on the worker after its start
    time.sleep(max((session.starts_at - timezone.now()).total_seconds(), 0) + 0.2)
    first = transition_due_livestreams.delay().get(timeout=30)
    # then the worker put it live
    assert first["started"] == [session.pk]
    assert statuses(session) == [LivestreamStatus.LIVE]
    # and after its end, the next tick on the worker ends it (twice changes nothing)
    time.sleep(max((session.ends_at - timezone.now()).total_seconds(), 0) + 0.2)
    second = transition_due_livestreams.delay().get(timeout=30)
    third = transition_due_livestreams.delay().get(timeout=30)
    assert (second["ended"], third["ended"]) == ([session.pk], [])
    assert statuses(session) == [LivestreamStatus.ENDED]
    assert moves(session) == [("scheduled", "live"), ("live", "ended")]


def test_it_lets_the_host_start_a_little_early(db: Any) -> None:
    # given a session starting in 10 minutes
    session = factories.livestream(starts_in=datetime.timedelta(minutes=10))
    now = timezone.now()
    # when its host starts it now
    started = do_start(session.host, session.pk, now=now)
    # then it is live and its window now opens now
    assert (started.status, started.starts_at, started.started_at) == ("live", now, now)
    assert moves(session) == [("scheduled", "live")]


def test_it_refuses_a_start_far_ahead_or_by_someone_else(db: Any) -> None:
    session = factories.livestream(starts_in=datetime.timedelta(hours=2))
    with pytest.raises(ValidationErrors) as early:
        do_start(session.host, session.pk)
    with pytest.raises(ValidationErrors) as other:
        do_start(factories.host(), session.pk)
    assert (early.value.errors[0].code, other.value.errors[0].code) == (
        "TOO_EARLY",
        "PERMISSION_DENIED",
    )
    assert statuses(session) == [LivestreamStatus.SCHEDULED]


def test_it_refuses_to_start_an_unapproved_programme(db: Any) -> None:
    session = factories.livestream(
        starts_in=datetime.timedelta(minutes=5),
        is_programme=True,
        programme_province=factories.province(),
    )
    with pytest.raises(ValidationErrors) as error:
        do_start(session.host, session.pk)
    assert error.value.errors[0].code == "NOT_APPROVED"


def test_it_lets_the_host_end_early_and_frees_the_rest_of_the_slot(db: Any) -> None:
    # given a live session planned until +50 min
    session = factories.livestream(
        status="live",
        starts_in=-datetime.timedelta(minutes=10),
        duration=datetime.timedelta(hours=1),
    )
    now = timezone.now()
    # when the host ends it now
    ended = do_end(session.host, session.pk, now=now)
    # then it is over now, and the next tick does not touch it again
    assert (ended.status, ended.ends_at, ended.ended_at) == ("ended", now, now)
    assert transition_due_sessions().ended == []
    assert moves(session) == [("live", "ended")]


def _pinned(session: Livestream, pinned_at: datetime.datetime) -> LiveOfferPin:
    """An offer of `session` pinned since `pinned_at`, its pin row still open."""
    stall = factories.seller()
    offer = factories.live_offer(session, factories.product(owner=stall, stock=10))
    return LiveOfferPin.objects.create(livestream=session, offer=offer, pinned_at=pinned_at)


@pytest.mark.parametrize("how", ["by hand", "at its end"])
def test_it_closes_the_open_pin_when_the_session_ends(db: Any, how: str) -> None:
    # given a live session whose offer has been pinned for 5 minutes
    session = factories.livestream(
        status="live",
        starts_in=-datetime.timedelta(minutes=10),
        duration=datetime.timedelta(hours=1),
    )
    pin = _pinned(session, session.starts_at + datetime.timedelta(minutes=5))
    # and another live session's open pin
    other = factories.livestream(
        status="live",
        starts_in=-datetime.timedelta(minutes=10),
        duration=datetime.timedelta(hours=2),
    )
    kept = _pinned(other, other.starts_at)
    # when the session ends (the host's hand, or the tick at its end)
    if how == "by hand":
        now = timezone.now()
        do_end(session.host, session.pk, now=now)
    else:
        now = session.ends_at
        assert transition_due_sessions(now).ended == [session.pk]
    # then its pin row closes at the end, the other session's stays open
    pin.refresh_from_db()
    kept.refresh_from_db()
    assert (pin.unpinned_at, kept.unpinned_at) == (now, None)
