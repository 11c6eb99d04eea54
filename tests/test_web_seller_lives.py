"""The seller centre's livestream invitations: the stall's sessions with title, host, Viet
Nam time and status, agree and decline through `livestream.invitations`, for the stall's
members only, in queries constant in the number of invitations."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from livestream.models import Livestream, LivestreamSeller
from tests import factories
from tests.helpers.seller_orders import matrix, signed_in, stall
from web.seller.lives import INVITATIONS_PER_PAGE

LIST = "/kenh-nguoi-ban/livestream/"
# session, user, membership, page count, the page's invitations with session and host, the
# menu's new-order count
LIST_QUERIES = 6


def _invite(seller: Any, *, status: str = "scheduled", **extra: Any) -> Livestream:
    session = factories.livestream(sellers=(seller,), status=status, **extra)
    LivestreamSeller.objects.filter(livestream=session).update(agreed_at=None, agreed_by=None)
    return session


def _answer(session: Livestream, seller: Any) -> tuple[bool, bool]:
    row = LivestreamSeller.objects.get(livestream=session, seller=seller)
    return row.agreed_at is not None, row.declined_at is not None


def test_it_lists_the_stalls_invitations_with_host_time_and_status(db: Any) -> None:
    # given a stall invited by a named host to a session at a known time, and another
    # stall's session
    seller, owner = stall()
    host = factories.host(first_name="Lan", last_name="Trần")
    starts = datetime.datetime(2027, 1, 5, 13, 0, tzinfo=datetime.UTC)  # 20:00 in Viet Nam
    session = _invite(seller, host_user=host, title="Chợ phiên Điện Biên")
    Livestream.objects.filter(pk=session.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=1)
    )
    other, _ = stall()
    elsewhere = _invite(other, title="Phiên của gian khác")
    # when its owner opens the page
    body = signed_in(owner).get(LIST).content.decode()
    # then the session is there with its host, its Viet Nam time and status, unanswered
    assert "Chợ phiên Điện Biên" in body
    assert "Người dẫn: Trần Lan" in body
    assert "05/01/2027 20:00" in body
    assert "Đã lên lịch" in body
    assert "Chưa trả lời" in body
    assert f'action="/kenh-nguoi-ban/livestream/{session.pk}/dong-y/"' in body
    # and not another stall's session
    assert elsewhere.title not in body


def test_it_agrees_then_declines_through_forms(db: Any) -> None:
    # given an unanswered invitation
    seller, owner = stall()
    session = _invite(seller)
    client = signed_in(owner)
    # when its owner agrees
    response = client.post(f"{LIST}{session.pk}/dong-y/")
    # then it goes back to the list, agreed, and says so
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}#live-{session.pk}"
    assert _answer(session, seller) == (True, False)
    body = client.get(LIST).content.decode()
    assert "Bạn đã đồng ý tham gia." in body
    assert "Bạn đã đồng ý</strong>" in body
    # when they decline after all
    client.post(f"{LIST}{session.pk}/tu-choi/")
    # then the agreement is withdrawn
    assert _answer(session, seller) == (False, True)
    assert "Bạn đã từ chối lời mời." in client.get(LIST).content.decode()


def test_it_cannot_answer_an_ended_session_and_says_why(db: Any) -> None:
    # given an invitation to a session that ended
    seller, owner = stall()
    session = _invite(seller, status="ended", starts_in=datetime.timedelta(hours=-3))
    client = signed_in(owner)
    # then the page offers no answer
    body = client.get(LIST).content.decode()
    assert "Phiên này đã qua; không thể trả lời lời mời nữa." in body
    assert f"{session.pk}/dong-y/" not in body
    # when an answer is posted anyway, then the domain's reason is shown, nothing changes
    response = client.post(f"{LIST}{session.pk}/dong-y/", follow=True)
    assert "Phiên đã kết thúc hoặc đã hủy; không thể trả lời lời mời nữa." in (
        response.content.decode()
    )
    assert _answer(session, seller) == (False, False)


def test_it_speaks_english_to_an_english_reader(db: Any) -> None:
    # given an invitation to a live session
    seller, owner = stall()
    _invite(seller, status="live", starts_in=datetime.timedelta(minutes=-5))
    # when the page is read in English
    body = signed_in(owner).get(LIST + "?hl=en").content.decode()
    # then the status and the answers are English
    assert "Live now" in body
    assert "Not answered yet" in body
    assert ">Agree<" in body


def test_it_keeps_the_page_and_answers_to_the_stalls_members(db: Any) -> None:
    # given a stall's invitation, and everyone else
    seller, owner = stall()
    session = _invite(seller)
    for who, user in matrix(owner).items():
        client = signed_in(user)
        # when they open the page and try to answer for the stall
        page = client.get(LIST)
        posts = [
            client.post(f"{LIST}{session.pk}/dong-y/"),
            client.post(f"{LIST}{session.pk}/tu-choi/"),
        ]
        codes = [page.status_code] + [p.status_code for p in posts]
        if user is None:
            # then the anonymous visitor is sent to sign in
            assert codes == [302, 302, 302], who
            assert page["Location"] == f"/dang-nhap/?next={LIST}"
        elif who == "other seller":
            # then another stall sees its own (empty) page, and the session is not found
            assert codes == [200, 404, 404], who
            assert session.title not in page.content.decode()
        else:
            # then a customer, officers and staff without a stall are refused
            assert codes == [403, 403, 403], who
        # and the invitation is still unanswered
        assert _answer(session, seller) == (False, False), who
    # and a staff member of the stall may answer
    member = factories.user()
    seller.members.create(user=member, role="staff")
    assert signed_in(member).post(f"{LIST}{session.pk}/dong-y/").status_code == 302
    assert _answer(session, seller) == (True, False)


def test_it_lists_invitations_in_pages_with_queries_constant_in_page_size(db: Any) -> None:
    # given a stall with one invitation
    seller, owner = stall()
    _invite(seller)
    client = signed_in(owner)
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    # when it has more than a page of them (each from its own host)
    for n in range(INVITATIONS_PER_PAGE):
        _invite(seller, starts_in=datetime.timedelta(days=n + 1))
    with CaptureQueriesContext(connection) as many:
        body = client.get(LIST).content.decode()
    # then a page holds INVITATIONS_PER_PAGE, read in the same queries, newest first
    assert body.count('class="card seller-live"') == INVITATIONS_PER_PAGE
    assert len(one) == len(many) == LIST_QUERIES
    assert "Trang 1 / 2" in body
    assert timezone.now() < Livestream.objects.order_by("-starts_at").first().starts_at
