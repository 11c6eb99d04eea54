"""The livestream schedule (/live/): live now, upcoming with "Nhắc tôi", past; and the
customer's reminders, with the authorization matrix and no side effect on denial."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from livestream.models import LivestreamReminder
from tests import factories
from tests.helpers.account import rows, signed_in

HOUR = datetime.timedelta(hours=1)


def _schedule() -> dict[str, Any]:
    return {
        "live": factories.livestream(
            title="Đang phát Điện Biên", status="live", starts_in=-HOUR / 2
        ),
        "upcoming": factories.livestream(title="Sắp phát Mộc Châu", starts_in=2 * HOUR),
        "past": factories.livestream(title="Đã phát Hà Giang", status="ended", starts_in=-5 * HOUR),
        "hidden": factories.livestream(title="Chương trình chưa duyệt", is_programme=True),
    }


def test_it_lists_live_upcoming_and_past_sessions_in_viet_nam_time(db: Any) -> None:
    # given a live, an upcoming, a past and an unapproved programme session
    sessions = _schedule()
    # when the schedule is opened
    response = Client().get("/live/")
    html = response.content.decode()
    # then each public one is in its section, in that order; the unapproved one is not
    assert response.status_code == 200
    assert (
        html.index('id="live-now-heading"')
        < html.index("Đang phát Điện Biên")
        < html.index('id="upcoming-heading"')
        < html.index("Sắp phát Mộc Châu")
        < html.index('id="past-heading"')
        < html.index("Đã phát Hà Giang")
    )
    assert "Chương trình chưa duyệt" not in html
    # and the upcoming start is in Asia/Ho_Chi_Minh time, with the stream linked
    starts = timezone.localtime(sessions["upcoming"].starts_at)
    assert starts.utcoffset() == datetime.timedelta(hours=7)
    assert starts.strftime("%d/%m/%Y %H:%M") in html
    assert 'href="https://www.tiktok.com/@ocop.dienbien/live"' in html
    assert "Nhắc tôi" in html


def test_it_reads_the_schedule_in_queries_constant_in_the_number_of_sessions(db: Any) -> None:
    # given a signed-in customer and one session of each kind
    client = signed_in(factories.user())
    _schedule()
    with CaptureQueriesContext(connection) as few:
        assert client.get("/live/").status_code == 200
    # when there are four times as many
    for _ in range(3):
        _schedule()
    with CaptureQueriesContext(connection) as many:
        assert client.get("/live/").status_code == 200
    # then the page costs the same
    assert len(many) == len(few)


def test_it_sends_an_anonymous_visitor_to_sign_in_and_back_without_a_reminder(db: Any) -> None:
    # given an upcoming session
    session = factories.livestream()
    # when an anonymous visitor presses "Nhắc tôi"
    response = Client().post(f"/live/{session.pk}/nhac-toi/")
    # then they are sent to sign in, coming back to the session on the schedule, and no
    # reminder is written
    assert response.status_code == 302
    assert response["Location"] == f"/dang-nhap/?next=%2Flive%2F%23live-{session.pk}"
    assert rows(LivestreamReminder) == []


def test_it_sets_and_cancels_a_reminder_for_a_customer(db: Any) -> None:
    # given a customer and an upcoming session
    user = factories.user()
    session = factories.livestream(title="Phiên chè Thái Nguyên")
    client = signed_in(user)
    # when they press "Nhắc tôi"
    response = client.post(f"/live/{session.pk}/nhac-toi/")
    # then a reminder exists and the schedule says so
    assert response.status_code == 302 and response["Location"] == f"/live/#live-{session.pk}"
    reminder = LivestreamReminder.objects.get(user=user, livestream=session)
    assert reminder.canceled_at is None
    page = client.get("/live/").content.decode()
    assert "Đã đặt nhắc lịch" in page and "Chúng tôi sẽ gửi email nhắc bạn" in page
    # and their reminders page lists it
    mine = client.get("/tai-khoan/nhac-lich/").content.decode()
    assert "Phiên chè Thái Nguyên" in mine
    # when they cancel it from there
    cancelled = client.post(f"/live/{session.pk}/huy-nhac/", {"next": "/tai-khoan/nhac-lich/"})
    # then it is cancelled and they are back on their reminders
    assert cancelled["Location"] == "/tai-khoan/nhac-lich/"
    reminder.refresh_from_db()
    assert reminder.canceled_at is not None
    assert "Phiên chè Thái Nguyên" not in client.get("/tai-khoan/nhac-lich/").content.decode()


def test_it_refuses_a_reminder_for_a_past_session_with_a_message(db: Any) -> None:
    # given a customer and a session that has ended
    client = signed_in(factories.user())
    session = factories.livestream(status="ended", starts_in=-5 * HOUR)
    # when they post "Nhắc tôi" for it
    response = client.post(f"/live/{session.pk}/nhac-toi/", follow=True)
    # then the domain's refusal is shown and nothing is written
    assert "Chỉ đặt nhắc lịch cho buổi phát sắp diễn ra." in response.content.decode()
    assert rows(LivestreamReminder) == []


def test_it_keeps_reminders_to_their_customer(db: Any) -> None:
    # given a customer's pending reminder
    owner = factories.user()
    session = factories.livestream(title="Phiên của chủ")
    signed_in(owner).post(f"/live/{session.pk}/nhac-toi/")
    before = rows(LivestreamReminder)
    # when an anonymous visitor and another customer try to cancel it, by GET or POST
    anonymous = Client().post(f"/live/{session.pk}/huy-nhac/")
    other = signed_in(factories.user())
    other_post = other.post(f"/live/{session.pk}/huy-nhac/")
    by_get = signed_in(owner).get(f"/live/{session.pk}/huy-nhac/")
    # then the anonymous one is sent to sign in, the GET is refused, and the reminder is
    # untouched; the other customer's list does not show it
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/dang-nhap/")
    assert other_post.status_code == 302
    assert by_get.status_code == 405
    assert rows(LivestreamReminder) == before
    assert "Phiên của chủ" not in other.get("/tai-khoan/nhac-lich/").content.decode()
    assert "Phiên của chủ" in signed_in(owner).get("/tai-khoan/nhac-lich/").content.decode()


def test_it_refuses_remind_me_by_get_and_without_csrf(db: Any) -> None:
    # given a signed-in customer whose client enforces CSRF, and an upcoming session
    session = factories.livestream()
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.user())
    # when "Nhắc tôi" is asked by GET, or POSTed without a token
    # then both are refused and nothing is written
    assert client.get(f"/live/{session.pk}/nhac-toi/").status_code == 405
    assert client.post(f"/live/{session.pk}/nhac-toi/").status_code == 403
    assert rows(LivestreamReminder) == []


def test_it_redraws_the_session_in_place_for_htmx(db: Any) -> None:
    # given a customer on the schedule with JavaScript on (htmx), and an upcoming session
    user = factories.user()
    session = factories.livestream(title="Phiên gạo Séng Cù")
    client = signed_in(user)
    # when they press "Nhắc tôi"
    response = client.post(f"/live/{session.pk}/nhac-toi/", HTTP_HX_REQUEST="true")
    # then only the session's entry comes back, with the reminder set and the notice
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<li class="live live-upcoming" id="live-')
    assert "Đã đặt nhắc lịch" in html and "Chúng tôi sẽ gửi email nhắc bạn" in html
    assert LivestreamReminder.objects.filter(user=user, canceled_at__isnull=True).count() == 1
    # when they cancel it the same way
    cancelled = client.post(f"/live/{session.pk}/huy-nhac/", HTTP_HX_REQUEST="true")
    # then the entry offers "Nhắc tôi" again
    assert "Nhắc tôi" in cancelled.content.decode()
    assert LivestreamReminder.objects.filter(user=user, canceled_at__isnull=True).count() == 0


def test_it_sends_an_anonymous_htmx_request_to_sign_in_with_a_full_page_redirect(
    db: Any,
) -> None:
    # given an upcoming session
    session = factories.livestream()
    # when an anonymous visitor presses "Nhắc tôi" with htmx
    response = Client().post(f"/live/{session.pk}/nhac-toi/", HTTP_HX_REQUEST="true")
    # then htmx is told to load the sign-in page (not swap it into the list), and nothing is written
    assert response["HX-Redirect"] == f"/dang-nhap/?next=%2Flive%2F%23live-{session.pk}"
    assert rows(LivestreamReminder) == []
