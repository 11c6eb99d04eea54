"""The livestream authorization matrix: every livestream mutation and the report query ×
(anonymous, customer, other seller, owner seller, host, other host, officer of another
province, officer of the province).

An allowed caller succeeds and changes something; a denied caller gets PERMISSION_DENIED in
`errors` and no livestream row changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from accounts.models import User
from catalog.models import Product
from livestream.models import LiveOffer, Livestream, LivestreamSeller
from sellers.models import Seller
from tests import factories
from tests.conftest import gql, token_for

ACTORS = (
    "anonymous",
    "customer",
    "other_seller",
    "owner",
    "host",
    "other_host",
    "other_officer",
    "officer",
)
HOST = frozenset({"host"})
HOST_OR_OWNER = frozenset({"host", "owner"})
SIGNED_IN = frozenset(ACTORS) - {"anonymous"}


@dataclass
class World:
    users: dict[str, User | None]
    seller: Seller
    product: Product
    session: Livestream
    programme: Livestream
    offer: LiveOffer

    @staticmethod
    def gid(kind: str, obj: Any) -> str:
        return to_global_id(kind, obj.pk)


@dataclass(frozen=True)
class Case:
    mutation: str
    arguments: str
    variables: Callable[[World], dict[str, Any]]
    allowed: frozenset[str]
    prepare: Callable[[World], None] | None = None


def _status(status: str, starts_in: datetime.timedelta | None = None) -> Callable[[World], None]:
    def prepare(world: World) -> None:
        changes: dict[str, Any] = {"status": status}
        if starts_in is not None:
            start = timezone.now() + starts_in
            changes.update(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
        Livestream.objects.filter(pk=world.session.pk).update(**changes)

    return prepare


def _not_agreed(world: World) -> None:
    LiveOffer.objects.filter(livestream=world.session).delete()
    LivestreamSeller.objects.filter(livestream=world.session).update(agreed_at=None, agreed_by=None)


def _without_offer(world: World) -> None:
    LiveOffer.objects.filter(pk=world.offer.pk).delete()


def _later(days: int = 3, hours: int = 0) -> str:
    moment = timezone.now() + datetime.timedelta(days=days, hours=hours)
    return moment.replace(microsecond=0).isoformat()


CASES = [
    Case(
        "livestreamCreate",
        "$input: LivestreamCreateInput!",
        lambda w: {
            "input": {
                "title": "Phiên mới",
                "startsAt": _later(),
                "endsAt": _later(3, hours=1),
                "streamUrl": "https://www.tiktok.com/@ocop/live",
            }
        },
        frozenset({"host", "other_host"}),
    ),
    Case(
        "livestreamUpdate",
        "$id: ID!, $input: LivestreamUpdateInput!",
        lambda w: {"id": w.gid("Livestream", w.session), "input": {"title": "Tiêu đề mới"}},
        HOST,
    ),
    Case(
        "livestreamSchedule",
        "$id: ID!",
        lambda w: {"id": w.gid("Livestream", w.session)},
        HOST,
        prepare=_status("draft"),
    ),
    Case(
        "livestreamApprove",
        "$id: ID!",
        lambda w: {"id": w.gid("Livestream", w.programme)},
        frozenset({"officer"}),
    ),
    Case(
        "livestreamStart",
        "$id: ID!",
        lambda w: {"id": w.gid("Livestream", w.session)},
        HOST,
        prepare=_status("scheduled", datetime.timedelta(minutes=10)),
    ),
    Case(
        "livestreamEnd",
        "$id: ID!",
        lambda w: {"id": w.gid("Livestream", w.session)},
        HOST,
        prepare=_status("live", -datetime.timedelta(minutes=10)),
    ),
    Case(
        "livestreamCancel",
        "$id: ID!",
        lambda w: {"id": w.gid("Livestream", w.programme)},
        frozenset({"host", "officer"}),
    ),
    Case(
        "livestreamSellerAgree",
        "$id: ID!, $seller: ID!",
        lambda w: {"id": w.gid("Livestream", w.session), "seller": w.gid("Seller", w.seller)},
        frozenset({"owner"}),
        prepare=_not_agreed,
    ),
    Case(
        "livestreamPinOffer",
        "$id: ID!, $offer: ID",
        lambda w: {"id": w.gid("Livestream", w.session), "offer": w.gid("LiveOffer", w.offer)},
        HOST,
    ),
    Case(
        "liveOfferCreate",
        "$livestream: ID!, $input: LiveOfferCreateInput!",
        lambda w: {
            "livestream": w.gid("Livestream", w.session),
            "input": {
                "variant": w.gid("ProductVariant", w.product.variants.get()),
                "livePrice": 99000,
                "quantityCap": 5,
                "perBuyerLimit": 1,
            },
        },
        HOST_OR_OWNER,
        prepare=_without_offer,
    ),
    Case(
        "liveOfferUpdate",
        "$id: ID!, $input: LiveOfferUpdateInput!",
        lambda w: {"id": w.gid("LiveOffer", w.offer), "input": {"livePrice": 95000}},
        HOST_OR_OWNER,
    ),
    Case(
        "liveOfferDelete",
        "$id: ID!",
        lambda w: {"id": w.gid("LiveOffer", w.offer)},
        HOST_OR_OWNER,
    ),
    Case(
        "liveOfferFlashDealLaunch",
        "$id: ID!, $input: LiveOfferFlashDealInput!",
        lambda w: {
            "id": w.gid("LiveOffer", w.offer),
            "input": {
                "flashPrice": 79000,
                "quantityCap": 5,
                "perBuyerLimit": 1,
                "countdownSeconds": 30,
                "durationMinutes": 2,
            },
        },
        HOST,
        prepare=_status("live", -datetime.timedelta(minutes=10)),
    ),
    Case(
        "livestreamRemindMe",
        "$id: ID!",
        lambda w: {"id": w.gid("Livestream", w.session)},
        SIGNED_IN,
    ),
]


def _query(case: Case) -> str:
    names = [part.split(":")[0].strip().lstrip("$") for part in case.arguments.split(",")]
    args = ", ".join(f"{name}: ${name}" for name in names)
    return (
        f"mutation M({case.arguments}) {{ {case.mutation}({args}) {{ errors {{ field code }} }} }}"
    )


@pytest.fixture
def world(db: Any, settings: Any) -> World:
    # Eight users per test: a fast hasher keeps the matrix quick (passwords are not tested).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    owner, other_owner = factories.user(), factories.user()
    seller = factories.seller(owner=owner, province_code="11")
    factories.seller(owner=other_owner, province_code="11")
    product = factories.product(owner=seller, price=120_000, stock=30)
    host = factories.host()
    session = factories.livestream(host_user=host, sellers=(seller,))
    programme = factories.livestream(
        host_user=host,
        starts_in=datetime.timedelta(days=5),
        is_programme=True,
        programme_province=factories.province("11"),
    )
    offer = factories.live_offer(session, product, live_price=99_000, cap=10, per_buyer=2)
    users: dict[str, User | None] = {
        "anonymous": None,
        "customer": factories.user(),
        "other_seller": other_owner,
        "owner": owner,
        "host": host,
        "other_host": factories.host(),
        "other_officer": factories.officer("01"),
        "officer": factories.officer("11"),
    }
    return World(users, seller, product, session, programme, offer)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=[c.mutation for c in CASES])
def test_it_enforces_who_may_call_each_livestream_mutation(
    api: Client, world: World, case: Case, actor: str
) -> None:
    # given the world prepared for this mutation
    if case.prepare:
        case.prepare(world)
    user = world.users[actor]
    token = token_for(user) if user else None
    rows = factories.livestream_snapshot()
    # when the actor calls it
    body = gql(api, _query(case), case.variables(world), token)
    assert "errors" not in body, body
    errors = body["data"][case.mutation]["errors"]
    if actor in case.allowed:
        # then an allowed caller succeeds and something changed
        assert errors == []
        assert factories.livestream_snapshot() != rows
    else:
        # then a denied caller is told so, and nothing changed
        assert [e["code"] for e in errors] == ["PERMISSION_DENIED"]
        assert factories.livestream_snapshot() == rows


@pytest.mark.parametrize("actor", ACTORS)
def test_it_lets_only_signed_in_customers_cancel_their_reminder(
    api: Client, world: World, actor: str
) -> None:
    # given every signed-in actor asked for a reminder
    from livestream.reminders import do_remind_me

    for user in world.users.values():
        if user is not None:
            do_remind_me(user, world.session.pk)
    rows = factories.livestream_snapshot()
    user = world.users[actor]
    # when the actor cancels
    body = gql(
        api,
        "mutation M($id: ID!) { livestreamRemindMeCancel(id: $id) { errors { code } "
        "livestream { isReminderSet } } }",
        {"id": world.gid("Livestream", world.session)},
        token_for(user) if user else None,
    )
    payload = body["data"]["livestreamRemindMeCancel"]
    if user is None:
        # then anonymous is refused and nothing changed
        assert [e["code"] for e in payload["errors"]] == ["PERMISSION_DENIED"]
        assert factories.livestream_snapshot() == rows
    else:
        # then only the caller's own reminder is off
        assert (payload["errors"], payload["livestream"]["isReminderSet"]) == ([], False)
        changed = [
            r
            for r in factories.livestream_snapshot()["livestream.LivestreamReminder"]
            if r["canceled_at"] is not None
        ]
        assert [r["user_id"] for r in changed] == [user.pk]


REPORT = """
query R($id: ID!) {
  livestreamReport(id: $id) {
    units revenue { amount } orders
    offers { offer { id } units }
    sellers { seller { slug } units revenue { amount } }
  }
}
"""


@pytest.mark.parametrize(
    ("actor", "sees"),
    [
        ("anonymous", None),
        ("customer", None),
        ("other_seller", None),
        ("owner", "own"),
        ("host", "all"),
        ("other_host", None),
        ("other_officer", None),
        ("officer", "all"),
    ],
)
def test_it_shows_the_report_to_host_sellers_and_officers(
    api: Client, world: World, actor: str, sees: str | None
) -> None:
    # given a live session selling two sellers' offers, with confirmed sales of each
    from django.db import transaction

    from livestream.claims import claim_offer_units, confirm_claim

    second_owner = factories.user()
    second = factories.seller(owner=second_owner, province_code="11")
    LivestreamSeller.objects.create(
        livestream=world.session, seller=second, agreed_at=timezone.now(), agreed_by=second_owner
    )
    other_offer = factories.live_offer(
        world.session, factories.product(owner=second), live_price=50_000
    )
    Livestream.objects.filter(pk=world.session.pk).update(
        status="live", starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    with transaction.atomic():
        for offer, quantity in ((world.offer, 2), (other_offer, 1)):
            claim = claim_offer_units(offer.pk, "user:1", quantity)
            confirm_claim(claim.pk, order_id="o-1", order_line_id=f"l-{offer.pk}")
    user = world.users[actor]
    # when the actor asks for the report
    body = gql(
        api,
        REPORT,
        {"id": World.gid("Livestream", world.session)},
        token_for(user) if user else None,
    )
    report = body["data"]["livestreamReport"]
    if sees is None:
        # then it is refused
        assert report is None
        assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    elif sees == "own":
        # then the seller sees only its own lines and totals
        assert [s["seller"]["slug"] for s in report["sellers"]] == [world.seller.slug]
        assert (report["units"], report["revenue"]["amount"], report["orders"]) == (2, 198000, 1)
        assert [o["offer"]["id"] for o in report["offers"]] == [World.gid("LiveOffer", world.offer)]
    else:
        # then everything is there
        assert (report["units"], report["revenue"]["amount"], report["orders"]) == (3, 248000, 1)
        assert sorted(s["units"] for s in report["sellers"]) == [1, 2]


def test_it_covers_every_livestream_mutation() -> None:
    from storefront_api.schema import schema

    mutations = set(schema.graphql_schema.mutation_type.fields)  # type: ignore[union-attr]
    ours = {name for name in mutations if name.startswith(("livestream", "liveOffer"))}
    assert ours == {c.mutation for c in CASES} | {"livestreamRemindMeCancel"}
