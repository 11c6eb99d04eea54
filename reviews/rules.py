"""Who may review, reply and moderate, and which order lines are waiting for a review: the
one copy of each rule, read by `reviews.actions` and by the pages that offer the forms."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from accounts.roles import is_authenticated, is_officer_for, is_seller_member
from orders.models import OrderLine, OrderStatus


def delivered_q(prefix: str = "") -> Q:
    """Order lines (or, with `prefix`, rows reaching them) whose order reached the buyer:
    fulfilled and marked delivered (a returned or canceled order is not)."""
    return Q(
        **{
            f"{prefix}order__status": OrderStatus.FULFILLED,
            f"{prefix}order__delivered_at__isnull": False,
        }
    )


def reviewable_lines(user: Any) -> QuerySet[OrderLine]:
    """The user's delivered order lines of a product still in the catalogue, not reviewed."""
    if not is_authenticated(user):
        return OrderLine.objects.none()
    return OrderLine.objects.filter(
        delivered_q(),
        order__user=user,
        variant__isnull=False,
        review__isnull=True,
    )


def is_delivered(line: OrderLine) -> bool:
    order = line.order
    return order.status == OrderStatus.FULFILLED and order.delivered_at is not None


def can_moderate(user: Any, seller_province_id: int | None) -> bool:
    """Staff everywhere; officers (and superusers) in the seller's province."""
    if not is_authenticated(user):
        return False
    return bool(user.is_staff) or is_officer_for(user, seller_province_id)


def can_reply(user: Any, seller_id: int) -> bool:
    return is_seller_member(user, seller_id)
