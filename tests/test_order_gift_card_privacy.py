"""An order's gift cards (`Order.giftCards`) are the buyer's: its seller and officers read the
order but none of its cards, and the whole code is shown only to the signed-in buyer and
admins (others get Saleor's masked `displayCode`)."""

from __future__ import annotations

from typing import Any

import graphene
import pytest
from django.test import Client

from orders.models import Order
from promotions.models import GiftCard
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.promotions import add_code, complete, gift_card
from tests.helpers.saleor_ops import operation

CODE = "GIFT-2026-ABCD"
MASKED = "XXXX-XXXX-XXXX-ABCD"


def _paid_order(api: Client, buyer: Any) -> tuple[dict[str, Any], Any]:
    """One Điện Biên seller's order (120.000 ₫ + 30.000 ₫ delivery) paid in part by a
    100.000 ₫ gift card; by a signed-in buyer, or a guest when `buyer` is None."""
    shop = factories.seller(owner=factories.user())
    honey = factories.product(owner=shop, price=120_000).variants.get()
    checkout = factories.checkout([(honey, 1)], buyer=buyer, email="mua@ocop.test")
    gift_card(CODE)
    token = token_for(buyer) if buyer else None
    assert add_code(api, checkout, CODE, token)["errors"] == []
    completed = complete(api, checkout, token)
    assert completed["errors"] == []
    return completed["order"], shop


def _read(api: Client, order_id: str, viewer: Any) -> Any:
    body = gql(
        api,
        operation("orders", "OrderGiftCards"),
        {"id": order_id},
        token_for(viewer) if viewer else None,
    )
    assert "errors" not in body, body
    return body["data"]["order"]


def _card(code: str) -> list[dict[str, Any]]:
    return [
        {
            "id": _card_id(),
            "code": code,
            "displayCode": MASKED,
            "last4CodeChars": "ABCD",
            "currentBalance": {"amount": 0.0, "currency": "VND"},
        }
    ]


def _card_id() -> str:
    return graphene.Node.to_global_id("GiftCard", GiftCard.objects.get(code=CODE).pk)


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("anonymous", None),
        ("customer", None),
        ("other seller", None),
        ("officer of another province", None),
        ("owner seller", []),
        ("officer", []),
        ("buyer", "code"),
        ("staff", "code"),
    ],
)
def test_it_shows_an_orders_gift_cards_to_the_buyer_and_admins_only(
    db: Any, api: Client, viewer: str, expected: Any
) -> None:
    # given a signed-in buyer's order paid in part by a gift card
    buyer = factories.user()
    order, shop = _paid_order(api, buyer)
    other_shop = factories.seller(owner=factories.user())
    people: dict[str, Any] = {
        "anonymous": None,
        "customer": factories.user(),
        "other seller": other_shop.members.get().user,
        "officer of another province": factories.officer("01"),
        "owner seller": shop.members.get().user,
        "officer": factories.officer("11"),
        "buyer": buyer,
        "staff": factories.user(is_staff=True, is_superuser=True),
    }
    # when the viewer reads the order's gift cards
    shown = _read(api, order["id"], people[viewer])
    # then outsiders do not see the order, its seller and officer see it without any card,
    # and the buyer and staff see the card with its whole code
    if expected is None:
        assert shown is None
    elif expected == []:
        assert shown == {"id": order["id"], "giftCards": []}
    else:
        assert shown == {"id": order["id"], "giftCards": _card(CODE)}
    # and reading changed nothing
    assert GiftCard.objects.get(code=CODE).current_balance_amount == 0
    assert Order.objects.count() == 1


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [("anonymous", "masked"), ("owner seller", []), ("officer", []), ("staff", "code")],
)
def test_it_masks_a_guest_orders_gift_card_code_for_whoever_holds_its_id(
    db: Any, api: Client, viewer: str, expected: Any
) -> None:
    # given a guest's order paid in part by a gift card (reachable by its id alone)
    order, shop = _paid_order(api, None)
    people: dict[str, Any] = {
        "anonymous": None,
        "owner seller": shop.members.get().user,
        "officer": factories.officer("11"),
        "staff": factories.user(is_staff=True, is_superuser=True),
    }
    # when the viewer reads the order's gift cards
    shown = _read(api, order["id"], people[viewer])
    # then the id's holder sees the card with its code masked, the seller and officer see no
    # card, and staff see the whole code
    if expected == []:
        assert shown == {"id": order["id"], "giftCards": []}
    else:
        assert shown == {
            "id": order["id"],
            "giftCards": _card(MASKED if expected == "masked" else CODE),
        }
