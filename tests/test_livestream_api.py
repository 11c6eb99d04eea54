"""The livestream GraphQL API and the .ics feeds, end to end through /graphql/."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql_relay import to_global_id

from livestream.claims import claim_offer_units, confirm_claim
from livestream.ics import calendar, escape_text, fold
from livestream.models import Livestream, LivestreamReminder
from tests import factories
from tests.conftest import gql, token_for


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def gid(kind: str, obj: Any) -> str:
    return to_global_id(kind, obj.pk)


def ok(body: dict[str, Any], name: str) -> dict[str, Any]:
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"][name]
    assert payload["errors"] == [], payload["errors"]
    return payload


CREATE = """
mutation C($input: LivestreamCreateInput!) {
  livestreamCreate(input: $input) {
    livestream {
      id status platform startsAt sellers { slug } invitations { seller { slug } agreed }
    }
    errors { field code message }
  }
}
"""
AGREE = """
mutation A($id: ID!, $seller: ID!) {
  livestreamSellerAgree(id: $id, seller: $seller) {
    livestream { sellers { slug } } errors { code }
  }
}
"""
OFFER = """
mutation O($livestream: ID!, $input: LiveOfferCreateInput!) {
  liveOfferCreate(livestream: $livestream, input: $input) {
    liveOffer { id livePrice { amount formatted } regularPrice { amount } remainingQuantity
                seller { slug } product { name } }
    errors { field code message }
  }
}
"""
SCHEDULE = """
mutation S($id: ID!) { livestreamSchedule(id: $id) { livestream { status } errors { field code } } }
"""
LIST = """
query L($first: Int, $filter: LivestreamFilterInput) {
  livestreams(first: $first, filter: $filter) {
    totalCount
    edges { node { id title status } }
  }
}
"""


def test_it_takes_a_session_from_draft_to_the_upcoming_list_and_calendar(
    api: Client, db: Any
) -> None:
    # given a host and two sellers, each with an owner and a listable product
    host = factories.host()
    owners = [factories.user(), factories.user()]
    sellers = [factories.seller(owner=o, province_code="11") for o in owners]
    products = [factories.product(owner=s, price=120_000, stock=40) for s in sellers]
    start = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)
    # when the host creates a session inviting both sellers
    created = ok(
        gql(
            api,
            CREATE,
            {
                "input": {
                    "title": "Chợ phiên OCOP Điện Biên",
                    "description": "Mật ong, chè; giá tốt",
                    "startsAt": timezone.localtime(start).isoformat(),
                    "endsAt": timezone.localtime(start + datetime.timedelta(hours=2)).isoformat(),
                    "streamUrl": "https://www.facebook.com/ocop.dienbien/videos/123456789/",
                    "sellers": [gid("Seller", s) for s in sellers],
                }
            },
            token_for(host),
        ),
        "livestreamCreate",
    )["livestream"]
    session_id = created["id"]
    assert (created["status"], created["platform"], created["sellers"]) == ("DRAFT", "FACEBOOK", [])
    assert created["startsAt"].endswith("+07:00")
    assert [i["agreed"] for i in created["invitations"]] == [False, False]
    # and each seller's owner agrees and offers a product
    for owner, seller, product in zip(owners, sellers, products, strict=True):
        ok(
            gql(api, AGREE, {"id": session_id, "seller": gid("Seller", seller)}, token_for(owner)),
            "livestreamSellerAgree",
        )
        offer = ok(
            gql(
                api,
                OFFER,
                {
                    "livestream": session_id,
                    "input": {
                        "variant": gid("ProductVariant", product.variants.get()),
                        "livePrice": 99000,
                        "quantityCap": 20,
                        "perBuyerLimit": 2,
                    },
                },
                token_for(owner),
            ),
            "liveOfferCreate",
        )["liveOffer"]
        assert offer["livePrice"] == {"amount": 99000.0, "formatted": "99.000 ₫"}
        assert (offer["regularPrice"]["amount"], offer["remainingQuantity"]) == (120000.0, 20)
    # and the host schedules it
    scheduled = ok(gql(api, SCHEDULE, {"id": session_id}, token_for(host)), "livestreamSchedule")
    assert scheduled["livestream"]["status"] == "SCHEDULED"
    # then anyone sees it among the upcoming sessions, overall, per stall and per province
    for flt in ({"upcoming": True}, {"seller": sellers[0].slug}, {"province": "11"}):
        page = gql(api, LIST, {"first": 10, "filter": flt})["data"]["livestreams"]
        assert [e["node"]["id"] for e in page["edges"]] == [session_id], flt
    assert (
        gql(api, LIST, {"first": 10, "filter": {"liveNow": True}})["data"]["livestreams"][
            "totalCount"
        ]
        == 0
    )
    # and in the .ics feeds, overall and of each stall
    feed = api.get("/livestreams.ics")
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    text = feed.content.decode()
    session = Livestream.objects.get()
    assert f"UID:livestream-{session.pk}@testserver\r\n" in text
    assert "DTSTART:" + start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ") + "\r\n" in text
    assert "SUMMARY:Chợ phiên OCOP Điện Biên\r\n" in text
    stall = api.get(f"/sellers/{sellers[1].slug}/livestreams.ics").content.decode()
    assert f"UID:livestream-{session.pk}@testserver" in stall
    assert api.get("/sellers/no-such-stall/livestreams.ics").status_code == 404


def test_it_hides_drafts_from_everyone_but_their_host(api: Client, db: Any) -> None:
    draft = factories.livestream(status="draft")
    anonymous = gql(api, LIST, {"first": 10})["data"]["livestreams"]
    own = gql(api, LIST, {"first": 10}, token_for(draft.host))["data"]["livestreams"]
    assert (anonymous["totalCount"], own["totalCount"]) == (0, 1)
    node = gql(api, "query N($id: ID!) { node(id: $id) { id } }", {"id": gid("Livestream", draft)})
    assert node["data"]["node"] is None
    assert "BEGIN:VEVENT" not in api.get("/livestreams.ics").content.decode()


def test_it_lists_live_now_and_past_sessions(api: Client, db: Any) -> None:
    # given a live, an ended (newer and older) and a scheduled session
    live = factories.livestream(status="live", starts_in=-datetime.timedelta(minutes=5))
    older = factories.livestream(status="ended", starts_in=-datetime.timedelta(days=3))
    newer = factories.livestream(status="ended", starts_in=-datetime.timedelta(days=1))
    upcoming = factories.livestream()

    def ids(flt: dict[str, Any]) -> list[str]:
        page = gql(api, LIST, {"first": 10, "filter": flt})["data"]["livestreams"]
        return [e["node"]["id"] for e in page["edges"]]

    # then each list has its sessions, past ones newest first
    assert ids({"liveNow": True}) == [gid("Livestream", live)]
    assert ids({"past": True}) == [gid("Livestream", newer), gid("Livestream", older)]
    assert ids({"upcoming": True, "liveNow": True}) == [
        gid("Livestream", live),
        gid("Livestream", upcoming),
    ]
    assert ids({"status": ["ENDED"]}) == [gid("Livestream", older), gid("Livestream", newer)]


POLL = """
query P($id: ID!) {
  livestream(id: $id) {
    status secondsToStart secondsToEnd unitsSold
    pinnedOffer { id remainingQuantity unitsSold isActive }
    offers { id remainingQuantity unitsSold isPinned }
  }
}
"""


def test_it_gives_a_polling_client_the_live_state(api: Client, db: Any) -> None:
    # given a live session with two offers, one pinned, and 3 units sold of it
    seller = factories.seller()
    session = factories.livestream(
        sellers=(seller,),
        status="live",
        starts_in=-datetime.timedelta(minutes=10),
        duration=datetime.timedelta(hours=1),
    )
    pinned = factories.live_offer(session, factories.product(owner=seller), cap=10, per_buyer=5)
    factories.live_offer(session, factories.product(owner=seller), cap=7)
    ok(
        gql(
            api,
            "mutation P($id: ID!, $offer: ID) { livestreamPinOffer(id: $id, offer: $offer) "
            "{ errors { code } } }",
            {"id": gid("Livestream", session), "offer": gid("LiveOffer", pinned)},
            token_for(session.host),
        ),
        "livestreamPinOffer",
    )
    with transaction.atomic():
        claim = claim_offer_units(pinned.pk, "user:1", 3)
        confirm_claim(claim.pk, order_id="o-1", order_line_id="l-1")
        claim_offer_units(pinned.pk, "user:2", 1)  # reserved, not yet an order
    # when a client polls it
    state = gql(api, POLL, {"id": gid("Livestream", session)})["data"]["livestream"]
    # then it sees status, pinned offer, remaining and sold units, and the countdown to the end
    assert (state["status"], state["secondsToStart"], state["unitsSold"]) == ("LIVE", None, 3)
    assert 49 * 60 <= state["secondsToEnd"] <= 50 * 60
    assert state["pinnedOffer"] == {
        "id": gid("LiveOffer", pinned),
        "remainingQuantity": 6,
        "unitsSold": 3,
        "isActive": True,
    }
    assert [(o["remainingQuantity"], o["isPinned"]) for o in state["offers"]] == [
        (6, True),
        (7, False),
    ]


RICH = """
query Rich($first: Int!) {
  livestreams(first: $first) {
    totalCount
    edges { node {
      id title status startsAt endsAt streamUrl platform secondsToStart secondsToEnd
      unitsSold reminderCount isReminderSet isApproved
      host { id name }
      coverImage { url }
      sellers { slug name logo { url } province { code name } }
      invitations { agreed seller { slug } }
      pinnedOffer { id livePrice { amount } }
      offers {
        id livePrice { amount } regularPrice { amount } remainingQuantity unitsSold isActive
        seller { slug province { name } }
        variant { sku name pricing { price { gross { amount } } } quantityAvailable }
        product { name slug thumbnail(size: 256) { url } }
      }
    } }
  }
}
"""


def test_it_answers_the_list_in_a_fixed_number_of_queries(api: Client, db: Any) -> None:
    # given six sessions, each with two sellers, two offers, a sale and a reminder
    viewer = factories.user()
    for _ in range(6):
        sellers = (factories.seller(), factories.seller())
        session = factories.livestream(sellers=sellers)
        offers = [factories.live_offer(session, factories.product(owner=s)) for s in sellers]
        offers[0].is_pinned = True
        offers[0].save(update_fields=["is_pinned"])
        LivestreamReminder.objects.create(livestream=session, user=viewer)
    token = token_for(viewer)

    def count(first: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            body = gql(api, RICH, {"first": first}, token)
        assert "errors" not in body, body
        assert len(body["data"]["livestreams"]["edges"]) == first
        return len(queries)

    # when one and then six are listed with every field
    one, six = count(1), count(6)
    # then the number of queries does not grow with the page
    assert one == six


def test_it_signs_a_customer_up_for_a_reminder(api: Client, db: Any) -> None:
    session = factories.livestream()
    customer = factories.user()
    body = gql(
        api,
        "mutation R($id: ID!) { livestreamRemindMe(id: $id) { livestream { reminderCount "
        "isReminderSet } errors { code } } }",
        {"id": gid("Livestream", session)},
        token_for(customer),
    )
    assert ok(body, "livestreamRemindMe")["livestream"] == {
        "reminderCount": 1,
        "isReminderSet": True,
    }


def test_it_reports_validation_errors_with_field_and_code(api: Client, db: Any) -> None:
    host = factories.host()
    start = timezone.now() + datetime.timedelta(days=1)
    body = gql(
        api,
        CREATE,
        {
            "input": {
                "title": "Quá dài",
                "startsAt": start.isoformat(),
                "endsAt": (start + datetime.timedelta(hours=5)).isoformat(),
            }
        },
        token_for(host),
    )
    errors = body["data"]["livestreamCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("endsAt", "TOO_LONG")]
    assert "240" in errors[0]["message"]
    assert Livestream.objects.count() == 0


def test_it_stores_a_cover_image_on_s3(api: Client, db: Any, settings: Any) -> None:
    # given a host and the media bucket
    prefix = factories.isolate_media(settings)
    host = factories.host()
    start = timezone.now() + datetime.timedelta(days=1)
    # when the session is created with a cover image (multipart request)
    body = factories.gql_upload(
        api,
        "mutation C($input: LivestreamCreateInput!) { livestreamCreate(input: $input) "
        "{ livestream { coverImage { url alt } } errors { field code } } }",
        {
            "input": {
                "title": "Có ảnh bìa",
                "startsAt": start.isoformat(),
                "endsAt": (start + datetime.timedelta(hours=1)).isoformat(),
                "coverImage": None,
            }
        },
        {"input.coverImage": ("bia.png", factories.image_bytes(), "image/png")},
        token_for(host),
    )
    payload = ok(body, "livestreamCreate")
    # then it is in the bucket under livestreams/covers/
    keys = factories.bucket_keys(prefix)
    assert len(keys) == 1
    key = next(iter(keys))
    assert key.startswith(f"{prefix}livestreams/covers/") and key.endswith(".png")
    assert payload["livestream"]["coverImage"]["alt"] == "Có ảnh bìa"


# --- iCalendar ------------------------------------------------------------------------------


def test_it_escapes_text_values() -> None:
    assert (
        escape_text("Mật ong, chè; 100%\\ thật\nngon") == "Mật ong\\, chè\\; 100%\\\\ thật\\nngon"
    )


def test_it_folds_long_lines_at_75_octets_without_splitting_characters() -> None:
    # given a long Vietnamese line (multi-byte characters)
    line = "SUMMARY:" + "Mật ong hoa ban Điện Biên " * 8
    folded = fold(line)
    pieces = folded.split("\r\n")
    # then every physical line has at most 75 octets, continuations start with one space,
    # and unfolding gives the line back
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0], *(p[1:] for p in pieces[1:])]) == line
    assert len(pieces) > 1


def test_it_writes_rfc_5545_events(db: Any) -> None:
    # given a session with a title that needs escaping
    session = factories.livestream(title="Chè, mật ong; gạo")
    body = calendar([session], name="OCOP", domain="ocop.vn", seller_names=lambda s: ["HTX A"])
    # then the calendar uses CRLF everywhere, UTC times, and the required properties
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert body.endswith("END:VCALENDAR\r\n")
    assert re.search(r"(?<!\r)\n", body) is None
    start = session.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    end = session.ends_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    for line in (
        f"UID:livestream-{session.pk}@ocop.vn",
        f"DTSTART:{start}",
        f"DTEND:{end}",
        "SUMMARY:Chè\\, mật ong\\; gạo",
        f"URL:{session.stream_url}",
        "STATUS:CONFIRMED",
    ):
        assert f"\r\n{line}\r\n" in body
    assert re.search(r"\r\nDTSTAMP:\d{8}T\d{6}Z\r\n", body)
