"""Scheduling livestream sessions: windows, overlaps, stream URLs, sellers' agreement,
programme approval, cancellation."""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from livestream.errors import FieldError, ValidationErrors
from livestream.models import Livestream, LivestreamReminder, LivestreamStatus, StreamPlatform
from livestream.reminders import do_remind_me
from livestream.scheduling import (
    do_approve,
    do_cancel,
    do_create_livestream,
    do_schedule,
    do_seller_agree,
    do_update_livestream,
)
from livestream.streams import detect_stream
from tests import factories

TIKTOK = "https://www.tiktok.com/@ocop.dienbien/live"


def at(hours: float, minutes: float = 0) -> datetime.datetime:
    """A whole-second time `hours` (+ `minutes`) from now."""
    return (timezone.now() + datetime.timedelta(hours=hours, minutes=minutes)).replace(
        microsecond=0
    )


def fields(start: datetime.datetime, minutes: int = 60, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Phiên chợ OCOP Điện Biên",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(minutes=minutes),
        "stream_url": TIKTOK,
        **extra,
    }


def refused(call: Any) -> FieldError:
    with pytest.raises(ValidationErrors) as failure:
        call()
    (error,) = failure.value.errors
    return error


def test_it_creates_a_draft_session_for_a_host(db: Any) -> None:
    # given a host and an approved seller
    host, seller = factories.host(), factories.seller()
    # when the host creates a session selling that seller's goods
    session = do_create_livestream(host, fields(at(3), seller_ids=[seller.pk]))
    # then it is a draft with the platform detected and the seller invited, not agreed
    assert session.status == LivestreamStatus.DRAFT
    assert session.platform == StreamPlatform.TIKTOK
    participant = session.participants.get()
    assert (participant.seller_id, participant.agreed_at) == (seller.pk, None)


def test_it_lets_only_hosts_create_sessions(db: Any) -> None:
    error = refused(lambda: do_create_livestream(factories.user(), fields(at(3))))
    assert error.code == "PERMISSION_DENIED"
    assert Livestream.objects.count() == 0


def test_it_reads_naive_times_as_vietnam_time(db: Any) -> None:
    # given a naive 20:00 two days from now
    day = timezone.localdate() + datetime.timedelta(days=2)
    naive = datetime.datetime.combine(day, datetime.time(20, 0))
    # when a session is created with it
    session = do_create_livestream(factories.host(), fields(naive))
    # then it starts at 13:00 UTC
    assert session.starts_at == datetime.datetime.combine(
        day, datetime.time(13, 0), tzinfo=datetime.UTC
    )


@pytest.mark.parametrize(
    ("start_hours", "minutes", "field", "code"),
    [
        (3, 0, "ends_at", "INVALID_TIME_RANGE"),
        (3, -30, "ends_at", "INVALID_TIME_RANGE"),
        (3, 241, "ends_at", "TOO_LONG"),
        (-1, 60, "starts_at", "STARTS_IN_PAST"),
    ],
)
def test_it_refuses_bad_windows(
    db: Any, start_hours: int, minutes: int, field: str, code: str
) -> None:
    error = refused(
        lambda: do_create_livestream(factories.host(), fields(at(start_hours), minutes))
    )
    assert (error.field, error.code) == (field, code)
    assert Livestream.objects.count() == 0


def test_it_reads_the_maximum_length_from_settings(db: Any, settings: Any) -> None:
    # given a 30-minute maximum
    settings.OCOP_LIVESTREAM_MAX_MINUTES = 30
    host = factories.host()
    # then 31 minutes are refused and 30 accepted
    assert refused(lambda: do_create_livestream(host, fields(at(3), 31))).code == "TOO_LONG"
    assert do_create_livestream(host, fields(at(3), 30)).pk


def test_it_refuses_overlapping_sessions_of_one_host(db: Any) -> None:
    # given a host with a session from +3h to +4h
    host = factories.host()
    do_create_livestream(host, fields(at(3)))
    # when the host creates one from +3h30 to +4h30
    error = refused(lambda: do_create_livestream(host, fields(at(3, 30))))
    # then it is refused; back-to-back sessions and other hosts are fine
    assert (error.field, error.code) == ("starts_at", "OVERLAPPING_SESSION")
    assert do_create_livestream(host, fields(at(4))).pk
    assert do_create_livestream(factories.host(), fields(at(3, 30))).pk
    assert Livestream.objects.filter(host=host).count() == 2


def test_it_frees_the_slot_of_a_canceled_session(db: Any) -> None:
    host = factories.host()
    first = do_create_livestream(host, fields(at(3)))
    do_cancel(host, first.pk)
    assert do_create_livestream(host, fields(at(3))).pk


def test_it_refuses_an_overlap_in_the_database_too(db: Any) -> None:
    # given a host's session
    session = factories.livestream(starts_in=datetime.timedelta(hours=3))
    # when a second overlapping one is written directly, bypassing the domain checks
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Livestream.objects.create(
            host=session.host,
            title="Trùng giờ",
            starts_at=session.starts_at + datetime.timedelta(minutes=59),
            ends_at=session.ends_at + datetime.timedelta(minutes=59),
        )
    # then the exclusion constraint refused it
    assert "livestream_host_no_overlap" in str(error.value)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database")
def test_it_lets_only_one_of_two_concurrent_overlapping_sessions_in(transactional_db: Any) -> None:
    # given a host
    host = factories.host()
    barrier = threading.Barrier(2)

    def create(minutes: int) -> str:
        try:
            barrier.wait(timeout=30)
            do_create_livestream(host, fields(at(3, minutes)))
            return "created"
        except ValidationErrors as failure:
            return failure.errors[0].code
        finally:
            connection.close()

    # when two overlapping sessions are created at the same moment
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(create, (0, 15)))
    # then exactly one got in
    assert outcomes == ["OVERLAPPING_SESSION", "created"]
    assert Livestream.objects.filter(host=host).count() == 1


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://cdn.ocop.vn/live/dien-bien/index.m3u8", StreamPlatform.HLS),
        ("https://cdn.ocop.vn/live/master.m3u8?token=abc", StreamPlatform.HLS),
        ("https://www.facebook.com/htxmuongphang/videos/1234567890/", StreamPlatform.FACEBOOK),
        ("https://www.facebook.com/watch/live/?v=1234567890", StreamPlatform.FACEBOOK),
        ("https://fb.watch/abcDEF12/", StreamPlatform.FACEBOOK),
        ("https://www.tiktok.com/@ocop.dienbien/live", StreamPlatform.TIKTOK),
        ("https://vt.tiktok.com/ZSabc123/", StreamPlatform.TIKTOK),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", StreamPlatform.YOUTUBE),
        ("https://youtube.com/live/dQw4w9WgXcQ", StreamPlatform.YOUTUBE),
        ("https://youtu.be/dQw4w9WgXcQ", StreamPlatform.YOUTUBE),
        ("https://www.youtube.com/@OCOPVietNam/live", StreamPlatform.YOUTUBE),
    ],
)
def test_it_detects_the_stream_platform(url: str, platform: str) -> None:
    assert detect_stream(url)[0] == platform


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://www.tiktok.com/@ocop.dienbien/live", "INVALID_STREAM_URL"),
        ("not a url", "INVALID_STREAM_URL"),
        ("https://www.tiktok.com/@ocop.dienbien", "INVALID_STREAM_URL"),
        ("https://www.facebook.com/htxmuongphang", "INVALID_STREAM_URL"),
        ("https://www.youtube.com/", "INVALID_STREAM_URL"),
        ("https://facebook.com.example.net/x/videos/1", "UNSUPPORTED_STREAM_PLATFORM"),
        ("https://twitch.tv/ocop", "UNSUPPORTED_STREAM_PLATFORM"),
        ("", "REQUIRED"),
    ],
)
def test_it_refuses_unusable_stream_urls(url: str, code: str) -> None:
    error = refused(lambda: detect_stream(url))
    assert (error.field, error.code) == ("stream_url", code)


def test_it_schedules_only_with_a_stream_and_an_agreed_seller(db: Any) -> None:
    # given a draft without stream URL, with an invited seller who has not agreed
    owner = factories.user()
    seller = factories.seller(owner=owner)
    host = factories.host()
    session = do_create_livestream(
        host, {**fields(at(3)), "stream_url": "", "seller_ids": [seller.pk]}
    )
    # then scheduling needs the stream URL, then the seller's agreement
    assert refused(lambda: do_schedule(host, session.pk)).code == "REQUIRED"
    do_update_livestream(host, session.pk, {"stream_url": TIKTOK})
    assert refused(lambda: do_schedule(host, session.pk)).code == "NO_AGREED_SELLER"
    do_seller_agree(owner, session.pk, seller.pk)
    # when everything is there, it is scheduled and the step is recorded
    scheduled = do_schedule(host, session.pk)
    assert scheduled.status == LivestreamStatus.SCHEDULED
    assert [(t.from_status, t.to_status) for t in scheduled.transitions.all()] == [
        ("draft", "scheduled")
    ]


def test_it_lets_only_the_sellers_members_agree(db: Any) -> None:
    # given a session inviting a seller
    owner, stranger = factories.user(), factories.user()
    seller = factories.seller(owner=owner)
    host = factories.host()
    session = do_create_livestream(host, fields(at(3), seller_ids=[seller.pk]))
    # then neither a stranger nor the host may agree for it
    assert refused(lambda: do_seller_agree(stranger, session.pk, seller.pk)).code == (
        "PERMISSION_DENIED"
    )
    assert refused(lambda: do_seller_agree(host, session.pk, seller.pk)).code == (
        "PERMISSION_DENIED"
    )
    # and a member of a seller that was not invited gets SELLER_NOT_INVITED
    other_owner = factories.user()
    other = factories.seller(owner=other_owner)
    assert refused(lambda: do_seller_agree(other_owner, session.pk, other.pk)).code == (
        "SELLER_NOT_INVITED"
    )
    assert session.participants.get().agreed_at is None
    # when its owner agrees, it is recorded who did
    do_seller_agree(owner, session.pk, seller.pk)
    assert session.participants.get().agreed_by == owner


def test_it_counts_a_producer_hosts_own_seller_as_agreed(db: Any) -> None:
    # given a producer who is also a host
    producer = factories.host()
    seller = factories.seller(owner=producer)
    # when they invite their own seller
    session = do_create_livestream(producer, fields(at(3), seller_ids=[seller.pk]))
    # then it agreed at once
    assert session.participants.get().agreed_by == producer


def test_it_refuses_sellers_that_are_not_approved(db: Any) -> None:
    pending = factories.seller(status="submitted")
    error = refused(
        lambda: do_create_livestream(factories.host(), fields(at(3), seller_ids=[pending.pk]))
    )
    assert (error.field, error.code) == ("seller_ids", "SELLER_NOT_SELLING")


def test_it_keeps_a_programme_session_private_until_an_officer_approves(db: Any) -> None:
    # given a scheduled programme session of Điện Biên (11)
    from livestream.queries import public_livestreams

    seller = factories.seller()
    session = factories.livestream(
        sellers=(seller,), is_programme=True, programme_province=factories.province("11")
    )
    assert list(public_livestreams()) == []
    # when officers try to approve: another province's officer, then Điện Biên's
    assert refused(lambda: do_approve(factories.officer("01"), session.pk)).code == (
        "PERMISSION_DENIED"
    )
    officer = factories.officer("11")
    approved = do_approve(officer, session.pk)
    # then it is public, and who approved is recorded
    assert approved.approved_by == officer
    assert list(public_livestreams()) == [session]


def test_it_lets_a_national_officer_approve_any_programme(db: Any) -> None:
    session = factories.livestream(is_programme=True, programme_province=factories.province("11"))
    assert do_approve(factories.officer(None), session.pk).approved_at is not None


def test_it_does_not_approve_ordinary_sessions(db: Any) -> None:
    session = factories.livestream()
    assert refused(lambda: do_approve(factories.officer(None), session.pk)).code == (
        "NOT_A_PROGRAMME"
    )


def test_it_cancels_pending_reminders_with_the_session(db: Any) -> None:
    # given a scheduled session with two reminder sign-ups
    session = factories.livestream()
    for _ in range(2):
        do_remind_me(factories.user(), session.pk)
    # when the host cancels it
    do_cancel(session.host, session.pk, "Mất điện")
    # then it is canceled with its reason and no reminder is pending
    session.refresh_from_db()
    assert (session.status, session.cancel_reason) == (LivestreamStatus.CANCELED, "Mất điện")
    assert LivestreamReminder.objects.filter(canceled_at__isnull=True).count() == 0


def test_it_lets_only_the_host_change_a_session(db: Any) -> None:
    session = factories.livestream()
    error = refused(lambda: do_update_livestream(factories.host(), session.pk, {"title": "X"}))
    assert error.code == "PERMISSION_DENIED"
    session.refresh_from_db()
    assert session.title.startswith("Phiên live thử")


def test_it_moves_a_scheduled_session_only_into_the_future(db: Any) -> None:
    # given a scheduled session
    session = factories.livestream(starts_in=datetime.timedelta(hours=3))
    # then it cannot move into the past, but can move later
    past = {"starts_at": at(-1), "ends_at": at(0, 30)}
    assert refused(lambda: do_update_livestream(session.host, session.pk, past)).code == (
        "STARTS_IN_PAST"
    )
    later = at(5)  # once: two calls may straddle a second
    hour_later = {"starts_at": later, "ends_at": later + datetime.timedelta(hours=1)}
    moved = do_update_livestream(session.host, session.pk, hour_later)
    assert moved.starts_at == later


def test_it_changes_only_text_stream_and_end_while_live(db: Any) -> None:
    # given a live session
    session = factories.livestream(status="live", starts_in=-datetime.timedelta(minutes=5))
    # then its start cannot move, but its end can be extended
    error = refused(lambda: do_update_livestream(session.host, session.pk, {"starts_at": at(1)}))
    assert (error.field, error.code) == ("starts_at", "INVALID_STATUS")
    later = session.ends_at + datetime.timedelta(minutes=30)
    assert do_update_livestream(session.host, session.pk, {"ends_at": later}).ends_at == later
