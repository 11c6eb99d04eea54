"""The host console (`/kenh-live/`): a host's sessions, the session console with its
controls (invite, add offers, go live and end, pin, launch a flash deal) and its live
dashboard, refused to everyone else with nothing changed; the domain's refusals as GOV.UK
field errors; list and console queries that do not grow with the rows."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from livestream.models import (
    FlashDeal,
    LiveOffer,
    LiveOfferClaim,
    LiveOfferPin,
    Livestream,
    LivestreamReminder,
)
from tests import factories
from tests.helpers.host_console import host_state, live_session
from tests.helpers.seller_orders import signed_in

HOME = "/kenh-live/"


def console(session: Livestream, tail: str = "") -> str:
    return f"{HOME}{session.pk}/{tail}"


def visitors(live: Any) -> dict[str, Any]:
    """Everyone the matrix tries, with the session's own host last."""
    return {
        "anonymous": None,
        "customer": factories.user(),
        "seller": live.owner,
        "other host": factories.host(),
        "officer of another province": factories.officer("01"),
        "staff": factories.user(is_staff=True),
        "officer": factories.officer("11"),
        "superuser": factories.user(is_superuser=True, is_staff=True),
        "host": live.host,
    }


READ = {
    "anonymous": 302,
    "customer": 403,
    "seller": 403,
    "other host": 404,
    "officer of another province": 404,
    "staff": 403,
    "officer": 200,
    "superuser": 200,
    "host": 200,
}


@pytest.mark.parametrize("tail", ["", "bang-so-lieu/", "bao-cao/", "bao-cao.csv"])
def test_it_shows_a_session_to_its_host_officers_and_superusers_only(db: Any, tail: str) -> None:
    # given a live session and everyone who might open its pages
    live = live_session()
    # when each opens the console, the dashboard panel, the report and its CSV
    answers = {
        who: signed_in(user).get(console(live.session, tail)).status_code
        for who, user in visitors(live).items()
    }
    # then only the host, the covering officer and a superuser see them
    assert answers == READ


def test_it_sends_anonymous_visitors_to_sign_in(db: Any) -> None:
    live = live_session()
    response = signed_in(None).get(console(live.session))
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


ACTIONS = {
    "pin": ("ghim/", lambda live: {"offer": live.offers[0].pk}),
    "flash": (
        "flash-sale/",
        lambda live: {
            "offer": live.offers[0].pk,
            "flash_price": 79_000,
            "quantity_cap": 5,
            "per_buyer_limit": 1,
            "countdown_seconds": 30,
            "duration_minutes": 2,
        },
    ),
    "end": ("ket-thuc/", lambda live: {}),
    "offer": ("uu-dai/", lambda live: {}),
    "edit": ("sua/", lambda live: {"title": "Đổi tên"}),
}
DENIED = {
    "anonymous": 302,
    "customer": 403,
    "seller": 403,
    "other host": 404,
    "officer of another province": 404,
    "staff": 403,
    "officer": 403,
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_it_refuses_every_host_action_to_others_and_changes_nothing(db: Any, action: str) -> None:
    # given a live session with its offers, and everyone but its host and a superuser
    live = live_session()
    tail, data = ACTIONS[action]
    before = host_state()
    # when each posts the action
    answers = {
        who: signed_in(user).post(console(live.session, tail), data(live)).status_code
        for who, user in visitors(live).items()
        if who in DENIED
    }
    # then each is refused, and nothing changed
    assert answers == DENIED
    assert host_state() == before


def test_it_lets_the_host_and_a_superuser_pin_and_unpin(db: Any) -> None:
    # given a live session with two offers
    live = live_session()
    first, second = live.offers
    client = signed_in(live.host)
    # when the host pins the first, then a superuser pins the second
    response = client.post(console(live.session, "ghim/"), {"offer": first.pk})
    admin = factories.user(is_superuser=True, is_staff=True)
    signed_in(admin).post(console(live.session, "ghim/"), {"offer": second.pk})
    # then the console shows the second pinned, with the timeline of both
    assert response.status_code == 302
    assert response["Location"] == console(live.session) + "#offers"
    assert list(LiveOffer.objects.filter(is_pinned=True)) == [second]
    assert list(LiveOfferPin.objects.values_list("offer_id", "pinned_by_id")) == [
        (first.pk, live.host.pk),
        (second.pk, admin.pk),
    ]
    # when the host unpins
    client.post(console(live.session, "ghim/"), {"offer": ""})
    # then nothing is pinned, and the console offers to pin again
    assert not LiveOffer.objects.filter(is_pinned=True).exists()
    body = client.get(console(live.session)).content.decode()
    assert body.count('name="offer" value="') == 2


def test_it_refuses_to_pin_another_hosts_offer_with_a_message(db: Any) -> None:
    # given two hosts' live sessions
    mine, theirs = live_session(), live_session()
    client = signed_in(mine.host)
    # when the host posts the other host's offer to their own session
    response = client.post(
        console(mine.session, "ghim/"), {"offer": theirs.offers[0].pk}, follow=True
    )
    # then it is refused with a clear message, and nothing is pinned
    assert "Suất không thuộc buổi phát này." in response.content.decode()
    assert not LiveOfferPin.objects.exists()


def test_it_launches_a_flash_deal_from_the_form(db: Any) -> None:
    # given a live session
    live = live_session()
    client = signed_in(live.host)
    # when the host launches a flash deal on the first offer
    response = client.post(
        console(live.session, "flash-sale/"),
        {
            "offer": live.offers[0].pk,
            "flash_price": 79_000,
            "quantity_cap": 5,
            "per_buyer_limit": 1,
            "countdown_seconds": 30,
            "duration_minutes": 2,
        },
    )
    # then it is recorded, and the console says when it opens
    assert response.status_code == 302
    deal = FlashDeal.objects.get()
    assert (deal.offer_id, deal.flash_price, deal.quantity_cap, deal.created_by_id) == (
        live.offers[0].pk,
        79_000,
        5,
        live.host.pk,
    )
    body = client.get(console(live.session)).content.decode()
    assert "Flash sale giá 79.000 ₫ mở lúc" in body


def test_it_shows_flash_window_and_cap_errors_on_their_fields(db: Any) -> None:
    # given a live session whose products have 50 units in stock
    live = live_session(stock=50)
    client = signed_in(live.host)
    # when the host launches a flash deal with a 5 s countdown, 30 minutes, 60 units
    response = client.post(
        console(live.session, "flash-sale/"),
        {
            "offer": live.offers[0].pk,
            "flash_price": 79_000,
            "quantity_cap": 60,
            "per_buyer_limit": 1,
            "countdown_seconds": 5,
            "duration_minutes": 30,
        },
    )
    # then the page comes back with the error summary and both window fields in error
    body = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in body
    assert '<a href="#id_countdown_seconds">' in body
    assert '<a href="#id_duration_minutes">' in body
    assert (
        'id="id_countdown_seconds" name="countdown_seconds" value="5" inputmode="numeric" '
        'aria-invalid="true"' in body
    )
    assert not FlashDeal.objects.exists()
    # when the window is right but the cap is above the stock
    response = client.post(
        console(live.session, "flash-sale/"),
        {
            "offer": live.offers[0].pk,
            "flash_price": 79_000,
            "quantity_cap": 60,
            "per_buyer_limit": 1,
            "countdown_seconds": 30,
            "duration_minutes": 5,
        },
    )
    # then the cap is in error, saying how many are in stock
    body = response.content.decode()
    assert '<a href="#id_quantity_cap">' in body
    assert "50" in body
    assert not FlashDeal.objects.exists()


def test_it_adds_an_offer_and_refuses_a_cap_above_stock(db: Any) -> None:
    # given a scheduled session whose agreed stall has a product not offered yet
    live = live_session(status="scheduled", stock=8)
    product = factories.product(
        owner=live.offers[0].seller, price=150_000, stock=8, name="Chè Shan"
    )
    variant = product.variants.get()
    client = signed_in(live.host)
    # when the host offers 9 units
    data = {"variant": variant.pk, "live_price": 120_000, "quantity_cap": 9, "per_buyer_limit": 2}
    response = client.post(console(live.session, "uu-dai/"), data)
    # then the cap is refused on its field
    assert response.status_code == 400
    assert '<a href="#id_quantity_cap">' in response.content.decode()
    assert not LiveOffer.objects.filter(variant=variant).exists()
    # when the host offers 8
    response = client.post(console(live.session, "uu-dai/"), {**data, "quantity_cap": 8})
    # then the offer is added
    assert response.status_code == 302
    assert LiveOffer.objects.get(variant=variant).quantity_cap == 8


def test_it_schedules_a_new_session_as_a_draft(db: Any) -> None:
    # given a host
    host = factories.host()
    client = signed_in(host)
    tomorrow = (datetime.datetime.now() + datetime.timedelta(days=1)).date()
    # when the host fills in the form without a title
    form = {
        "title": "",
        "start_date": tomorrow.isoformat(),
        "start_time": "20:00",
        "duration_minutes": 60,
        "stream_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    }
    response = client.post(f"{HOME}moi/", form)
    # then the title is in error
    assert response.status_code == 200
    assert '<a href="#id_title">' in response.content.decode()
    # when the host gives a title
    response = client.post(f"{HOME}moi/", {**form, "title": "Đêm chè Thái Nguyên"})
    # then a draft starting at 20:00 Viet Nam time is saved, and the console opens
    session = Livestream.objects.get(host=host)
    assert response["Location"] == console(session)
    assert (session.status, session.title) == ("draft", "Đêm chè Thái Nguyên")
    assert session.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).hour == 20
    assert session.ends_at - session.starts_at == datetime.timedelta(hours=1)
    # and a customer or an officer may not schedule one
    assert signed_in(factories.user()).get(f"{HOME}moi/").status_code == 403
    assert signed_in(factories.officer("11")).post(f"{HOME}moi/", form).status_code == 403
    assert Livestream.objects.count() == 1


def test_it_goes_live_and_ends_by_the_hosts_hand(db: Any) -> None:
    # given a scheduled session starting in 10 minutes
    live = live_session(status="scheduled")
    Livestream.objects.filter(pk=live.session.pk).update(
        starts_at=live.session.starts_at - datetime.timedelta(hours=1, minutes=50)
    )
    client = signed_in(live.host)
    # when the host goes live, then ends it
    client.post(console(live.session, "bat-dau/"))
    assert Livestream.objects.get(pk=live.session.pk).status == "live"
    client.post(console(live.session, "ket-thuc/"))
    # then it is over, and the console no longer offers pin or flash controls
    assert Livestream.objects.get(pk=live.session.pk).status == "ended"
    body = client.get(console(live.session)).content.decode()
    assert "/ghim/" not in body
    assert "/flash-sale/" not in body


def test_it_invites_a_producer_to_a_scheduled_session(db: Any) -> None:
    # given a scheduled session and another approved stall
    live = live_session(status="scheduled")
    other = factories.seller(owner=factories.user())
    client = signed_in(live.host)
    # when the host invites it
    response = client.post(console(live.session, "moi-nha-san-xuat/"), {"seller": other.pk})
    # then it is invited, not yet agreed
    assert response.status_code == 302
    invited = live.session.participants.get(seller=other)
    assert (invited.invited_by_id, invited.agreed_at) == (live.host.pk, None)


def test_it_lists_only_the_hosts_own_sessions(db: Any) -> None:
    # given a host's session and another host's
    mine, theirs = live_session(), live_session()
    # when the host opens the console's home
    body = signed_in(mine.host).get(HOME).content.decode()
    # then only their session is listed
    assert body.count("Chợ phiên mật ong") == 1
    assert console(mine.session) in body
    assert console(theirs.session) not in body


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_reads_the_console_and_list_in_queries_independent_of_rows(db: Any) -> None:
    # given a session with 2 offers
    live = live_session(offers=2)
    client = signed_in(live.host)
    few_console = _queries(client, console(live.session))
    few_home = _queries(client, HOME)
    # when it has 6 offers, and its host 4 more sessions
    for n in range(4):
        factories.live_offer(
            live.session,
            factories.product(owner=live.offers[0].seller, price=120_000, stock=50),
            live_price=90_000 - n,
        )
        factories.livestream(host_user=live.host, starts_in=datetime.timedelta(days=n + 1))
    # then the console and the list cost the same number of queries
    assert _queries(client, console(live.session)) == few_console
    assert _queries(client, HOME) == few_home


def test_it_exports_the_report_as_csv(db: Any) -> None:
    # given a session with its offers and a peak of 40 viewers
    live = live_session()
    Livestream.objects.filter(pk=live.session.pk).update(peak_viewers=40)
    # when the host downloads the report
    response = signed_in(live.host).get(console(live.session, "bao-cao.csv"))
    # then it is a CSV with the session's totals and a line per offer
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = text.splitlines()
    assert lines[0] == "Phần,Mục,Chỉ tiêu,Giá trị"
    assert "Phiên live,Chợ phiên mật ong,Người xem cao nhất,40" in lines
    assert sum(1 for line in lines if line.startswith("Ưu đãi,Mật ong 0")) == 4


def test_it_shows_a_covering_officer_the_console_without_controls(db: Any) -> None:
    # given a live session of a Điện Biên stall, and Điện Biên's officer
    live = live_session()
    officer = factories.officer("11")
    # when the officer opens its console
    body = signed_in(officer).get(console(live.session)).content.decode()
    # then the figures are there, but no form that runs the session
    assert 'id="host-dashboard"' in body
    assert "Bạn đang xem phiên live này; chỉ người dẫn mới điều hành được." in body
    for action in ("ghim/", "flash-sale/", "uu-dai/", "ket-thuc/", "moi-nha-san-xuat/"):
        assert console(live.session, action) not in body


def test_it_reports_viewers_and_conversion(db: Any) -> None:
    # given an ended session with a peak of 40 viewers, 2 buyers, one of 4 reminder sign-ups
    live = live_session()
    session = live.session
    Livestream.objects.filter(pk=session.pk).update(status="ended", peak_viewers=40)
    signups = [factories.user() for _ in range(4)]
    for user in signups:
        LivestreamReminder.objects.create(livestream=session, user=user)
    for n, key in enumerate((f"user:{signups[0].pk}", "email:guest@ocop.test")):
        LiveOfferClaim.objects.create(
            offer=live.offers[0],
            buyer_key=key,
            quantity=2,
            unit_price=99_000,
            status="confirmed",
            order_id=f"order-{n}",
        )
    # when the host opens the report
    body = signed_in(live.host).get(console(session, "bao-cao/")).content.decode()
    # then it gives the totals, the peak, both conversions and a chart beside each table
    assert "Số liệu cuối cùng: phiên live đã kết thúc." in body
    assert "<dd>396.000 ₫</dd>" in body
    assert "<dd>40</dd>" in body
    assert "<dd>5%</dd>" in body  # 2 buyers of 40 viewers
    assert "<dd>25% <span" in body  # 1 of 4 sign-ups bought
    assert body.count('class="bar-chart"') == 2


def test_it_renames_a_live_session_without_touching_its_times(db: Any) -> None:
    # given a live session that started at a time with seconds
    live = live_session()
    session = live.session
    Livestream.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at.replace(second=37), ends_at=session.ends_at.replace(second=37)
    )
    session.refresh_from_db()
    client = signed_in(live.host)
    # when the host changes only the title in the form (times shown to the minute)
    form = client.get(console(session, "sua/")).context["form"]
    data = {**{k: v for k, v in form.initial.items() if v is not None}, "title": "Đổi tên"}
    response = client.post(console(session, "sua/"), data)
    # then the title changed and the times did not
    assert response.status_code == 302
    fresh = Livestream.objects.get(pk=session.pk)
    assert (fresh.title, fresh.starts_at, fresh.ends_at) == (
        "Đổi tên",
        session.starts_at,
        session.ends_at,
    )


def test_it_follows_the_session_through_the_transport_of_the_watch_page(db: Any) -> None:
    # given a live session and a draft one
    live, draft = live_session(), live_session(status="draft")
    client = signed_in(live.host)
    # when the host opens the live one's console
    body = client.get(console(live.session)).content.decode()
    # then it reads the events through live-events.js (which dispatches "ocop:live" to the
    # dashboard and the comments alike), with no second stream of its own
    stream = f'data-live-events="/live/{live.session.slug}/su-kien/"'
    assert (body.count(stream), body.count("web/live-events.js")) == (1, 1)
    assert "data-events=" not in body
    # and a draft's console, whose stream would answer 404, opens none
    body = signed_in(draft.host).get(console(draft.session)).content.decode()
    assert "data-live-events" not in body
