"""Closing unpaid orders of a group (payment failed, or never came): stock goes back."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.utils import timezone

from livestream.claims import release_claims_of_order
from orders.events import event, record_many
from orders.lock_objects import lock_group_orders
from orders.models import OPEN_STATUSES, Order, OrderStatus
from orders.stock import deallocate


def release_group(
    group_id: UUID | str, *, status: str, events: Sequence[str], reason: str
) -> list[Order]:
    """Close every open, not yet shipped order of the group and release its stock.

    Expects an open transaction in which the caller already locked the group's payment
    transaction (lock order: transaction → orders → stock). Returns the orders closed;
    calling it again closes nothing more.
    """
    orders = [
        order
        for order in lock_group_orders(group_id)
        if order.status in OPEN_STATUSES
        and not any(line.quantity_fulfilled for line in order.lines.all())
    ]
    if not orders:
        return []
    now = timezone.now()
    for order in orders:
        order.status = status
        order.canceled_at = now
        order.cancel_reason = reason
    Order.objects.bulk_update(orders, ["status", "canceled_at", "cancel_reason", "updated_at"])
    # Live-offer units go back before stock: offers are locked before stock everywhere.
    for order in orders:
        release_claims_of_order(str(order.pk))
    deallocate(orders)
    record_many(event(order, type, None, message=reason) for order in orders for type in events)
    return orders


__all__ = ["OrderStatus", "release_group"]
