"""Shared builders for the seller centre's orders inbox and money tests: a stall with real
orders placed through checkout, and the people of the authorization matrix."""

from __future__ import annotations

from typing import Any

from django.test import Client

from checkout.complete_checkout import complete_checkout
from orders.models import Order
from sellers.models import Seller, SellerKind
from tests import factories


def signed_in(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def stall(*, household: bool = False) -> tuple[Seller, Any]:
    """An approved stall in Điện Biên (11) and its owner."""
    owner = factories.user()
    seller = factories.seller(owner=owner, province_code="11")
    if household:
        seller.kind = SellerKind.HKD
        seller.save(update_fields=["kind"])
    return seller, owner


def place(seller: Seller, *, quantity: int = 2, price: int = 100_000, buyer: Any = None) -> Order:
    """A cash-on-delivery order of `quantity` units of a new product of `seller`."""
    buyer = buyer or factories.user()
    variant = factories.product(owner=seller, stock=50, price=price).variants.get()
    checkout = factories.checkout([(variant, quantity)], buyer=buyer, email=buyer.email)
    return complete_checkout(checkout.pk, buyer).orders[0]


def matrix(seller_owner: Any) -> dict[str, Any]:
    """Everyone but the owner who might try a stall's pages: anonymous, a customer, another
    stall's owner, an officer of the stall's province, one of another province, and
    a staff member (who has no stall)."""
    _, other_owner = stall()
    return {
        "anonymous": None,
        "customer": factories.user(),
        "other seller": other_owner,
        "officer": factories.officer("11"),
        "other officer": factories.officer("01"),
        "staff": factories.user(is_staff=True),
    }


def order_state(order: Order) -> dict[str, Any]:
    fresh = Order.objects.get(pk=order.pk)
    return {
        "status": fresh.status,
        "delivered_at": fresh.delivered_at,
        "tracking_number": fresh.tracking_number,
        "cancel_reason": fresh.cancel_reason,
        "events": fresh.events.count(),
        "fulfillments": fresh.fulfillments.count(),
    }


def deliver(order: Order, owner: Any) -> Order:
    """Confirm, ship (all units, from the stall's warehouse) and deliver through the domain."""
    from orders.actions import FulfillItem, do_confirm, do_fulfill, do_mark_delivered

    do_confirm(order.pk, owner)
    warehouse = order.seller.warehouses.get()
    items = [FulfillItem(str(line.pk), warehouse.pk, line.quantity) for line in order.lines.all()]
    do_fulfill(order.pk, owner, items, carrier="GHN", tracking_number="GHN1")
    return do_mark_delivered(order.pk, owner)
