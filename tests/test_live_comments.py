"""Comments on a live session: posting (length, rate limit, mutes, plain text), moderation
(hide, mute) with its authorization matrix, the events they publish after commit, and the
htmx partial the watch page includes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from livestream.comments import do_hide_comment, do_mute_user, do_post_comment
from livestream.live_models import LiveComment, LiveMute
from livestream.models import Livestream
from tests import factories
from tests.helpers.live_events import isolate_prefix, listening, live_offer, received
from web.live.comments_views import comments_context

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh(settings: Any) -> Iterator[None]:
    isolate_prefix(settings)
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = list(client.scan_iter(match="*live-comment:*", count=1000))
    if keys:
        client.delete(*keys)
    yield


def live_session(**extra: Any) -> Livestream:
    offer = live_offer()
    return Livestream.objects.get(pk=offer.livestream_id)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, data: dict[str, str] | None = None) -> Any:
    return client.post(url, data or {}, HTTP_HX_REQUEST="true")


def urls(session: Livestream, comment_id: int = 0, user_id: int = 0) -> dict[str, str]:
    base = f"/live/{session.slug}"
    return {
        "post": f"{base}/binh-luan/",
        "hide": f"{base}/binh-luan/{comment_id}/an/",
        "mute": f"{base}/nguoi-xem/{user_id}/tat-tieng/",
    }


def test_it_posts_a_comment_and_tells_viewers_after_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a live session and a signed-in viewer named Lan
    session = live_session()
    viewer = factories.user(first_name="Lan")
    with listening(session.pk) as pubsub:
        # when she posts a comment with extra spaces through the form
        with django_capture_on_commit_callbacks(execute=True):
            answer = post(signed_in(viewer), urls(session)["post"], {"body": "  Mật ong   ngon! "})
        events = received(pubsub)
    # then it is stored folded, shown in the redrawn section, and announced once
    assert answer.status_code == 200
    comment = LiveComment.objects.get(livestream=session)
    assert (comment.author_id, comment.body) == (viewer.pk, "Mật ong ngon!")
    assert f'id="live-comment-{comment.pk}"' in answer.content.decode()
    assert [
        (e["kind"], e["data"]["id"], e["data"]["author_name"], e["data"]["body"]) for e in events
    ] == [("comment.posted", comment.pk, "Lan", "Mật ong ngon!")]
    assert "@" not in str(events[0]["data"])  # never the e-mail


def test_it_shows_links_and_phone_numbers_as_plain_text(client: Client) -> None:
    # given a comment with a link, a phone number and markup
    session = live_session()
    viewer = factories.user()
    body = 'Mua rẻ hơn tại https://lua-dao.example hoặc gọi 0912 345 678 <a href="x">đây</a>'
    do_post_comment(viewer, session.pk, body)
    # when the section is drawn
    answer = post(signed_in(viewer), urls(session)["post"], {"body": ""})
    html = answer.content.decode()
    # then the text is there, escaped, and no link or tel: points anywhere but our forms
    assert (
        "https://lua-dao.example hoặc gọi 0912 345 678 &lt;a href=&quot;x&quot;&gt;đây&lt;/a&gt;"
        in html
    )
    assert 'href="https://lua-dao' not in html
    assert "tel:" not in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x" * 301, "A comment has at most 300 characters (this one has 301)."),
        ("   ", "Write a comment first."),
    ],
)
def test_it_refuses_a_bad_comment_with_a_clear_error_and_stores_nothing(
    body: str, message: str
) -> None:
    # given a live session and a viewer reading English
    session = live_session()
    client = signed_in(factories.user())
    # when a bad comment is posted
    answer = client.post(
        urls(session)["post"], {"body": body}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )
    # then the section answers with the error beside the field, and nothing was stored
    html = answer.content.decode()
    assert answer.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    assert LiveComment.objects.count() == 0


def test_it_limits_a_viewer_to_one_comment_every_three_seconds() -> None:
    # given a viewer who just commented
    session = live_session()
    viewer = factories.user()
    client = signed_in(viewer)
    assert post(client, urls(session)["post"], {"body": "Một"}).status_code == 200
    # when they comment again at once
    answer = client.post(
        urls(session)["post"], {"body": "Hai"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )
    # then the second is refused, and another viewer may still comment
    assert "Slow down: one comment every 3 seconds." in answer.content.decode()
    post(signed_in(factories.user()), urls(session)["post"], {"body": "Ba"})
    assert list(LiveComment.objects.order_by("id").values_list("body", flat=True)) == ["Một", "Ba"]


def test_it_limits_a_viewer_to_twenty_comments_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    # given no gap between comments, and a viewer who posted 20 this minute
    monkeypatch.setattr("livestream.comments.MIN_GAP", 0.001)
    session = live_session()
    viewer = factories.user()
    for n in range(20):
        do_post_comment(viewer, session.pk, f"bình luận {n}")
    # when they post the 21st
    with pytest.raises(Exception, match="THROTTLED"):
        do_post_comment(viewer, session.pk, "thêm")
    # then it was refused
    assert LiveComment.objects.filter(author=viewer).count() == 20


def test_it_refuses_comments_when_not_live_or_signed_out() -> None:
    # given a scheduled session
    session = live_session()
    Livestream.objects.filter(pk=session.pk).update(status="scheduled")
    viewer = factories.user()
    # when a viewer posts, and an anonymous visitor posts
    refused = signed_in(viewer).post(
        urls(session)["post"], {"body": "Sớm"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )
    anonymous = Client().post(urls(session)["post"], {"body": "Ẩn danh"})
    # then the first is told why, the second goes to sign in, and nothing is stored
    assert "Comments are open only while the session is live." in refused.content.decode()
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/dang-nhap/?next=")
    assert LiveComment.objects.count() == 0


def test_it_refuses_a_muted_viewer_and_tells_everyone_who_was_muted(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a live session, its host, and a viewer who commented
    session = live_session()
    viewer = factories.user()
    comment = do_post_comment(viewer, session.pk, "Lừa đảo 0912345678")
    with listening(session.pk) as pubsub:
        # when the host hides the comment and mutes the viewer
        with django_capture_on_commit_callbacks(execute=True):
            hid = post(signed_in(session.host), urls(session, comment.pk)["hide"])
            muted = post(signed_in(session.host), urls(session, user_id=viewer.pk)["mute"])
        events = received(pubsub)
    # then both are announced, the comment is gone from the section
    assert (hid.status_code, muted.status_code) == (200, 200)
    assert [(e["kind"], e["data"]) for e in events] == [
        ("comment.hidden", {"id": comment.pk}),
        ("user.muted", {"user_id": viewer.pk}),
    ]
    assert f"live-comment-{comment.pk}" not in muted.content.decode()
    comment.refresh_from_db()
    assert (comment.hidden_by_id, comment.hidden_at is not None) == (session.host_id, True)
    # and the muted viewer's next comment is refused with a clear message
    answer = signed_in(viewer).post(
        urls(session)["post"], {"body": "Lại"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "The host muted you in this session: you cannot comment." in answer.content.decode()
    assert LiveComment.objects.filter(author=viewer).count() == 1


def test_it_does_not_mute_the_host() -> None:
    # given a live session and a covering officer
    session = live_session()
    officer = factories.officer(None)
    # when the officer tries to mute the host
    with pytest.raises(Exception, match="INVALID"):
        do_mute_user(officer, session.pk, session.host_id)
    # then nobody is muted
    assert LiveMute.objects.count() == 0


MODERATORS = {"host": 200, "officer_here": 200, "national_officer": 200, "superuser": 200}
REFUSED = {"customer": 403, "other_seller": 403, "officer_elsewhere": 403, "other_host": 403}


def _actor(role: str, session: Livestream) -> Any:
    seller_province = session.sellers.first().province.code  # type: ignore[attr-defined]
    other = "01" if seller_province != "01" else "11"
    return {
        "host": lambda: session.host,
        "officer_here": lambda: factories.officer(seller_province),
        "national_officer": lambda: factories.officer(None),
        "superuser": lambda: factories.user(is_superuser=True, is_staff=True),
        "customer": lambda: factories.user(),
        "other_seller": lambda: (
            factories.seller(owner=factories.user(), province_code=other).members.first().user
        ),
        "officer_elsewhere": lambda: factories.officer(other),
        "other_host": lambda: factories.host(),
    }[role]()


@pytest.mark.parametrize(("role", "status"), [*MODERATORS.items(), *REFUSED.items()])
def test_it_lets_only_the_host_and_covering_officers_moderate(role: str, status: int) -> None:
    # given a live session, a viewer's comment, and someone in `role`
    session = live_session()
    viewer = factories.user()
    comment = do_post_comment(viewer, session.pk, "Xin chào")
    client = signed_in(_actor(role, session))
    # when they hide the comment and mute its author
    hid = post(client, urls(session, comment.pk)["hide"])
    muted = post(client, urls(session, user_id=viewer.pk)["mute"])
    # then moderators succeed; everyone else gets 403 and nothing changed
    assert (hid.status_code, muted.status_code) == (status, status)
    comment.refresh_from_db()
    assert (comment.hidden_at is not None) == (status == 200)
    assert LiveMute.objects.filter(livestream=session, user=viewer).exists() == (status == 200)


def test_it_sends_anonymous_moderation_to_sign_in_and_changes_nothing() -> None:
    # given a comment
    session = live_session()
    viewer = factories.user()
    comment = do_post_comment(viewer, session.pk, "Xin chào")
    # when an anonymous visitor hides it and mutes its author (plain form posts)
    answers = [
        Client().post(urls(session, comment.pk)["hide"]),
        Client().post(urls(session, user_id=viewer.pk)["mute"]),
    ]
    # then both go to sign in and nothing changed
    assert [a.status_code for a in answers] == [302, 302]
    assert all(a["Location"].startswith("/dang-nhap/?next=") for a in answers)
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert LiveMute.objects.count() == 0


def test_it_refuses_hiding_another_sessions_comment_and_get_requests() -> None:
    # given two live sessions and a comment in the second
    first, second = live_session(), live_session()
    comment = do_post_comment(factories.user(), second.pk, "Ở phiên khác")
    # when the first session's host hides it through the first session, or by GET
    wrong = signed_in(first.host).post(
        urls(first, comment.pk)["hide"], HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )
    by_get = signed_in(second.host).get(urls(second, comment.pk)["hide"])
    # then it is not found there, GET is not allowed, and it stays visible
    assert "Comment not found." in wrong.content.decode()
    assert by_get.status_code == 405
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_it_hides_through_the_domain_only_once() -> None:
    # given a hidden comment
    session = live_session()
    comment = do_post_comment(factories.user(), session.pk, "Một lần")
    assert do_hide_comment(session.host, session.pk, comment.pk) is True
    # when it is hidden again, then nothing changes
    assert do_hide_comment(session.host, session.pk, comment.pk) is False


@pytest.mark.parametrize("count", [3, 30])
def test_it_draws_the_comments_in_queries_constant_in_their_number(
    count: int, django_assert_num_queries: Any
) -> None:
    # given a live session with `count` comments, and its host reading the page
    session = live_session()
    for n in range(count):
        LiveComment.objects.create(livestream=session, author=factories.user(), body=f"#{n}")
    request = RequestFactory().get(f"/live/{session.slug}/")
    request.user = session.host
    # when the section's context is read, then it takes the same 2 queries (comments,
    # mute; the host needs no scope) whatever the number of comments
    with django_assert_num_queries(2):
        context = comments_context(request, session)
    assert len(context["live_comments"]) == count
    assert context["live_may_moderate"] is True
    assert context["live_comment_form_state"] == "open"


def test_it_asks_an_anonymous_visitor_to_sign_in_and_shows_no_moderation() -> None:
    # given a live session with a comment, and an anonymous visitor
    session = live_session()
    do_post_comment(factories.user(first_name="Lan"), session.pk, "Xin chào")
    request = RequestFactory().get(f"/live/{session.slug}/")
    request.user = AnonymousUser()
    # when the section is drawn
    html = render_to_string(
        "web/live/_comments.html",
        {"session": session, **comments_context(request, session)},
        request=request,
    )
    # then the comment shows, a sign-in link comes back here, and no form or button posts
    assert "Xin chào" in html
    assert f'href="/dang-nhap/?next=%2Flive%2F{session.slug}%2F"' in html
    assert "binh-luan/" not in html.split("<template")[0]
    assert "tat-tieng" not in html.split("<template")[0]
