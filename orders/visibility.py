"""Who sees which orders, as filters: `Order.objects.visible_to(user)` and
`OrderGroup.objects.visible_to(user)` (orders.models) apply these, and `order(id:)`,
`orderGroup(id:)` and `node(id:)` all filter through those methods. The in-memory form of
each rule (`can_view_order`, `can_view_group`) is in `orders.permissions`, which builds on
the helpers here. Lines, events, fulfillments and payments are shown only inside their
order, never by id.

Imports no orders module: orders.models imports it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from accounts.roles import is_authenticated, officer_profile
from sellers.models import SellerMember


def is_admin(user: Any) -> bool:
    return is_authenticated(user) and bool(user.is_staff or user.is_superuser)


def member_seller_ids(user: Any) -> set[int]:
    if not is_authenticated(user):
        return set()
    cached = getattr(user, "_ocop_seller_ids", None)
    if cached is None:
        cached = set(SellerMember.objects.filter(user=user).values_list("seller_id", flat=True))
        user._ocop_seller_ids = cached
    return set(cached)


def officer_scope(user: Any) -> tuple[bool, int | None]:
    """(is an officer, province id or None for national)."""
    if not is_authenticated(user):
        return False, None
    cached = getattr(user, "_ocopofficer_scope", None)
    if cached is None:
        profile = officer_profile(user)
        cached = (profile is not None, profile.province_id if profile else None)
        user._ocopofficer_scope = cached
    return cached


def viewable_order_q(user: Any) -> Q:
    """`can_view_order` as a filter (`Order.objects.visible_to`)."""
    officer, province_id = officer_scope(user)
    if is_admin(user) or (officer and province_id is None):
        return Q(pk__isnull=False)
    condition = Q(user__isnull=True)
    if is_authenticated(user):
        condition |= Q(user_id=user.pk) | Q(seller_id__in=sorted(member_seller_ids(user)))
    if officer:
        condition |= Q(seller__province_id=province_id)
    return condition


def viewable_group_q(user: Any) -> Q:
    """`can_view_group` as a filter (`OrderGroup.objects.visible_to`)."""
    officer, province_id = officer_scope(user)
    if is_admin(user) or (officer and province_id is None):
        return Q(pk__isnull=False)
    condition = Q(user__isnull=True)
    if is_authenticated(user):
        condition |= Q(user_id=user.pk)
    return condition
