"""A seller's work on its orders: confirm, fulfil, deliver, cancel — and who may do it."""

from __future__ import annotations

from typing import Any

import graphene
import pytest
from django.test import Client

from catalog.models import Stock
from checkout.complete_checkout import complete_checkout
from orders.models import Order, OrderEvent, OrderStatus
from payments.models import LedgerEntry
from sellers.models import SellerMember
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.orders import ORDER_CANCEL, ORDER_QUERY, ORDER_RESULT, order_id

ORDER_CONFIRM = f"mutation($id: ID!) {{ orderConfirm(id: $id) {{ {ORDER_RESULT} }} }}"
ORDER_FULFILL = f"""
mutation($order: ID!, $input: OrderFulfillInput!) {{
  orderFulfill(order: $order, input: $input) {{
    fulfillments {{ fulfillmentOrder }} {ORDER_RESULT}
  }}
}}
"""
ORDER_DELIVERED = f"mutation($id: ID!) {{ orderMarkDelivered(id: $id) {{ {ORDER_RESULT} }} }}"
ORDER_MARK_PAID = (
    f"mutation($id: ID!, $ref: String) {{ orderMarkAsPaid(id: $id, transactionReference: $ref) "
    f"{{ {ORDER_RESULT} }} }}"
)


def _placed(quantity: int = 3) -> dict[str, Any]:
    """A COD order of 3 units from a seller in Điện Biên (11), bought by a customer."""
    owner = factories.user()
    seller = factories.seller(owner=owner, province_code="11")
    variant = factories.product(owner=seller, stock=10, price=100_000).variants.get()
    buyer = factories.user()
    checkout = factories.checkout([(variant, quantity)], buyer=buyer, email=buyer.email)
    completion = complete_checkout(checkout.pk, buyer)
    return {
        "order": completion.orders[0],
        "owner": owner,
        "seller": seller,
        "variant": variant,
        "buyer": buyer,
    }


def _fulfill_input(order: Order, quantity: int, tracking: str = "GHN123") -> dict[str, Any]:
    line = order.lines.get()
    warehouse = order.seller.warehouses.get()
    return {
        "lines": [
            {
                "orderLineId": graphene.Node.to_global_id("OrderLine", line.pk),
                "stocks": [
                    {
                        "quantity": quantity,
                        "warehouse": graphene.Node.to_global_id("Warehouse", warehouse.pk),
                    }
                ],
            }
        ],
        "trackingNumber": tracking,
        "carrier": "GHN",
    }


def test_it_takes_a_cash_order_from_confirmation_to_delivery(db: Any, api: Client) -> None:
    # given a placed cash-on-delivery order of 3 units
    world = _placed()
    order, token = world["order"], token_for(world["owner"])
    # when its seller confirms it
    confirmed = gql(api, ORDER_CONFIRM, {"id": order_id(order)}, token)["data"]["orderConfirm"]
    assert confirmed["errors"] == []
    assert confirmed["order"]["status"] == "UNFULFILLED"
    # and ships 2 units, then the last one, with a carrier and tracking code
    first = gql(
        api, ORDER_FULFILL, {"order": order_id(order), "input": _fulfill_input(order, 2)}, token
    )["data"]["orderFulfill"]
    assert first["errors"] == []
    assert first["order"]["status"] == "PARTIALLY_FULFILLED"
    stock = Stock.objects.get(variant=world["variant"])
    assert (stock.quantity, stock.quantity_allocated) == (8, 1)
    last = gql(
        api,
        ORDER_FULFILL,
        {"order": order_id(order), "input": _fulfill_input(order, 1, "GHN124")},
        token,
    )["data"]["orderFulfill"]
    # then the order is fulfilled and the units left the shelf
    assert last["errors"] == []
    assert last["order"]["status"] == "FULFILLED"
    assert last["order"]["trackingNumber"] == "GHN124"
    assert last["order"]["carrier"] == "GHN"
    assert [f["fulfillmentOrder"] for f in last["order"]["fulfillments"]] == [1, 2]
    assert last["order"]["lines"][0]["quantityFulfilled"] == 3
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (7, 0)
    # when it marks the order delivered
    delivered = gql(api, ORDER_DELIVERED, {"id": order_id(order)}, token)["data"][
        "orderMarkDelivered"
    ]
    # then the cash collected makes it paid, and the seller's earning enters the ledger
    assert delivered["errors"] == []
    assert delivered["order"]["isPaid"] is True
    assert delivered["order"]["deliveredAt"] is not None
    assert [e["type"] for e in delivered["order"]["events"]] == [
        "PLACED",
        "CONFIRMED",
        "FULFILLMENT_FULFILLED_ITEMS",
        "TRACKING_UPDATED",
        "FULFILLMENT_FULFILLED_ITEMS",
        "TRACKING_UPDATED",
        "OTHER",
        "ORDER_MARKED_AS_PAID",
    ]
    earning = LedgerEntry.objects.get(order=order)
    assert (earning.gross_amount, earning.commission_amount, earning.amount) == (
        330_000,
        15_000,
        315_000,
    )
    # and delivering again is refused
    again = gql(api, ORDER_DELIVERED, {"id": order_id(order)}, token)["data"]["orderMarkDelivered"]
    assert [e["code"] for e in again["errors"]] == ["INVALID"]
    assert LedgerEntry.objects.count() == 1


def test_it_returns_the_stock_when_the_seller_cancels(db: Any, api: Client) -> None:
    # given a placed order holding 3 units
    world = _placed()
    order, token = world["order"], token_for(world["owner"])
    # when the seller cancels without a reason, then with one
    refused = gql(api, ORDER_CANCEL, {"id": order_id(order)}, token)["data"]["orderCancel"]
    canceled = gql(api, ORDER_CANCEL, {"id": order_id(order), "reason": "Hết mùa mật ong"}, token)[
        "data"
    ]["orderCancel"]
    # then the reason is required, and the cancel returns the stock
    assert [e["code"] for e in refused["errors"]] == ["REQUIRED"]
    assert canceled["errors"] == []
    assert canceled["order"]["status"] == "CANCELED"
    assert canceled["order"]["cancelReason"] == "Hết mùa mật ong"
    stock = Stock.objects.get(variant=world["variant"])
    assert (stock.quantity, stock.quantity_allocated) == (10, 0)
    # and a shipped order cannot be canceled
    other = _placed(1)
    other_token = token_for(other["owner"])
    gql(api, ORDER_CONFIRM, {"id": order_id(other["order"])}, other_token)
    gql(
        api,
        ORDER_FULFILL,
        {"order": order_id(other["order"]), "input": _fulfill_input(other["order"], 1)},
        other_token,
    )
    late = gql(api, ORDER_CANCEL, {"id": order_id(other["order"]), "reason": "x"}, other_token)
    assert [e["code"] for e in late["data"]["orderCancel"]["errors"]] == ["CANNOT_CANCEL_ORDER"]


def test_it_refuses_to_fulfil_more_than_ordered_or_before_confirmation(
    db: Any, api: Client
) -> None:
    # given a placed order of 3 units
    world = _placed()
    order, token = world["order"], token_for(world["owner"])
    # when shipping before confirming, then shipping 4 units after confirming
    early = gql(
        api, ORDER_FULFILL, {"order": order_id(order), "input": _fulfill_input(order, 1)}, token
    )["data"]["orderFulfill"]
    gql(api, ORDER_CONFIRM, {"id": order_id(order)}, token)
    too_many = gql(
        api, ORDER_FULFILL, {"order": order_id(order), "input": _fulfill_input(order, 4)}, token
    )["data"]["orderFulfill"]
    # then both are refused and the stock is untouched
    assert [e["code"] for e in early["errors"]] == ["INVALID"]
    assert [e["code"] for e in too_many["errors"]] == ["FULFILL_ORDER_LINE"]
    stock = Stock.objects.get(variant=world["variant"])
    assert (stock.quantity, stock.quantity_allocated) == (10, 3)


def test_it_refuses_a_tracking_number_or_carrier_longer_than_its_column(
    db: Any, api: Client
) -> None:
    # given a confirmed order of 3 units
    world = _placed()
    order, token = world["order"], token_for(world["owner"])
    gql(api, ORDER_CONFIRM, {"id": order_id(order)}, token)
    long_tracking = _fulfill_input(order, 1, tracking="T" * 65)
    long_carrier = {**_fulfill_input(order, 1), "carrier": "C" * 65}
    # when the seller ships with a 65-character tracking number, then a 65-character carrier
    answers = [
        gql(api, ORDER_FULFILL, {"order": order_id(order), "input": data}, token)["data"][
            "orderFulfill"
        ]
        for data in (long_tracking, long_carrier)
    ]
    # then each names its field, and nothing shipped
    assert [[(e["field"], e["code"]) for e in a["errors"]] for a in answers] == [
        [("trackingNumber", "INVALID")],
        [("carrier", "INVALID")],
    ]
    order.refresh_from_db()
    assert (order.status, order.tracking_number, order.fulfillments.count()) == (
        OrderStatus.UNFULFILLED,
        "",
        0,
    )
    stock = Stock.objects.get(variant=world["variant"])
    assert (stock.quantity, stock.quantity_allocated) == (10, 3)


def test_it_refuses_a_cancel_reason_or_payment_reference_beyond_its_bound(
    db: Any, api: Client
) -> None:
    # given a placed cash-on-delivery order
    world = _placed()
    order, token = world["order"], token_for(world["owner"])
    # when the seller cancels with a 2,001-character reason, or marks it paid with a
    # 256-character reference
    canceled = gql(api, ORDER_CANCEL, {"id": order_id(order), "reason": "r" * 2001}, token)
    paid = gql(api, ORDER_MARK_PAID, {"id": order_id(order), "ref": "R" * 256}, token)
    # then both name their field and the order is untouched
    assert [(e["field"], e["code"]) for e in canceled["data"]["orderCancel"]["errors"]] == [
        ("reason", "INVALID")
    ]
    assert [(e["field"], e["code"]) for e in paid["data"]["orderMarkAsPaid"]["errors"]] == [
        ("transactionReference", "INVALID")
    ]
    order.refresh_from_db()
    assert (order.status, order.charged_amount, order.cancel_reason) == (
        OrderStatus.UNCONFIRMED,
        0,
        "",
    )


def _actor(role: str, world: dict[str, Any]) -> Any:
    if role == "anonymous":
        return None
    if role == "customer":
        return factories.user()
    if role == "buyer":
        return world["buyer"]
    if role == "other_seller":
        person = factories.user()
        factories.seller(owner=person)
        return person
    if role == "owner":
        return world["owner"]
    if role == "staff_member":
        person = factories.user()
        SellerMember.objects.create(seller=world["seller"], user=person, role="staff")
        return person
    if role == "officer_other_province":
        return factories.officer("01")
    if role == "officer":
        return factories.officer("11")
    if role == "admin":
        return factories.user(is_staff=True)
    raise AssertionError(role)


ACTION_MATRIX = [
    ("anonymous", "NOT_FOUND"),
    ("customer", "NOT_FOUND"),
    ("other_seller", "NOT_FOUND"),
    ("officer_other_province", "NOT_FOUND"),
    ("buyer", "PERMISSION_DENIED"),
    ("officer", "PERMISSION_DENIED"),
    ("owner", None),
    ("staff_member", None),
    ("admin", None),
]


def _side_effects(order: Order) -> tuple[Any, ...]:
    order.refresh_from_db()
    return (
        order.status,
        order.charged_amount,
        OrderEvent.objects.filter(order=order).count(),
        sorted(Stock.objects.values_list("quantity", "quantity_allocated")),
    )


@pytest.mark.parametrize(("role", "denied"), ACTION_MATRIX)
def test_it_lets_only_the_orders_seller_or_an_admin_cancel_it(
    db: Any, api: Client, role: str, denied: str | None
) -> None:
    # given a placed order and someone in a given role
    world = _placed()
    actor = _actor(role, world)
    before = _side_effects(world["order"])
    # when they try to cancel it
    body = gql(
        api,
        ORDER_CANCEL,
        {"id": order_id(world["order"]), "reason": "thử"},
        token_for(actor) if actor else None,
    )["data"]["orderCancel"]
    # then only the seller's members and admins succeed; a denied call changed nothing
    if denied:
        assert [e["code"] for e in body["errors"]] == [denied]
        assert body["order"] is None
        assert _side_effects(world["order"]) == before
    else:
        assert body["errors"] == []
        assert Order.objects.get(pk=world["order"].pk).status == OrderStatus.CANCELED


@pytest.mark.parametrize(
    "mutation", ["confirm", "fulfill", "delivered", "mark_paid"], ids=lambda m: m
)
@pytest.mark.parametrize(("role", "denied"), ACTION_MATRIX)
def test_it_lets_only_the_orders_seller_or_an_admin_act_on_it(
    db: Any, api: Client, role: str, denied: str | None, mutation: str
) -> None:
    # given a placed order (confirmed and shipped where the action needs it)
    world = _placed(1)
    order = world["order"]
    owner_token = token_for(world["owner"])
    if mutation in ("fulfill", "delivered"):
        gql(api, ORDER_CONFIRM, {"id": order_id(order)}, owner_token)
    if mutation == "delivered":
        gql(
            api,
            ORDER_FULFILL,
            {"order": order_id(order), "input": _fulfill_input(order, 1)},
            owner_token,
        )
    actor = _actor(role, world)
    token = token_for(actor) if actor else None
    before = _side_effects(order)
    # when they try the action
    document, variables, name = {
        "confirm": (ORDER_CONFIRM, {"id": order_id(order)}, "orderConfirm"),
        "fulfill": (
            ORDER_FULFILL,
            {"order": order_id(order), "input": _fulfill_input(order, 1)},
            "orderFulfill",
        ),
        "delivered": (ORDER_DELIVERED, {"id": order_id(order)}, "orderMarkDelivered"),
        "mark_paid": (
            ORDER_MARK_PAID,
            {"id": order_id(order), "ref": "tiền mặt"},
            "orderMarkAsPaid",
        ),
    }[mutation]
    body = gql(api, document, variables, token)["data"][name]
    # then only the seller's members and admins succeed; a denied call changed nothing
    if denied:
        assert [e["code"] for e in body["errors"]] == [denied]
        assert _side_effects(order) == before
    else:
        assert body["errors"] == []
        assert _side_effects(order) != before


VIEW_MATRIX = [
    ("anonymous", False),
    ("customer", False),
    ("other_seller", False),
    ("officer_other_province", False),
    ("buyer", True),
    ("owner", True),
    ("officer", True),
    ("admin", True),
]


@pytest.mark.parametrize(("role", "sees"), VIEW_MATRIX)
def test_it_shows_an_order_only_to_its_buyer_seller_officers_and_admins(
    db: Any, api: Client, role: str, sees: bool
) -> None:
    # given a placed order and someone in a given role
    world = _placed()
    actor = _actor(role, world)
    # when they look it up by id
    found = gql(
        api, ORDER_QUERY, {"id": order_id(world["order"])}, token_for(actor) if actor else None
    )["data"]["order"]
    # then only the buyer, its seller, officers of its province and admins see it
    if sees:
        assert found["number"] == str(world["order"].number)
        assert found["userEmail"] == world["buyer"].email
    else:
        assert found is None
