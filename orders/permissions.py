"""Who may see and act on orders.

- The buyer sees their order group and every order in it. A guest's order (no account) is
  reachable by its unguessable id, as in Saleor; the API then masks personal data.
- A seller's members see and act on that seller's orders only.
- Officers see the orders of sellers in their province (national officers: all); they
  never act on them. Admins see and act on all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from accounts.roles import is_authenticated, officer_profile
from orders.models import Order, OrderGroup
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


def _officer_scope(user: Any) -> tuple[bool, int | None]:
    """(is an officer, province id or None for national)."""
    if not is_authenticated(user):
        return False, None
    cached = getattr(user, "_ocop_officer_scope", None)
    if cached is None:
        profile = officer_profile(user)
        cached = (profile is not None, profile.province_id if profile else None)
        user._ocop_officer_scope = cached
    return cached


def is_buyer(user: Any, order: Order | OrderGroup) -> bool:
    return is_authenticated(user) and order.user_id == user.pk


def can_manage_order(user: Any, order: Order) -> bool:
    return is_admin(user) or order.seller_id in member_seller_ids(user)


def is_trusted_viewer(user: Any, order: Order) -> bool:
    """Sees the order's personal data (buyer, its seller, officers in scope, admins)."""
    if is_admin(user) or is_buyer(user, order) or can_manage_order(user, order):
        return True
    officer, province_id = _officer_scope(user)
    return officer and (province_id is None or province_id == order.seller.province_id)


def can_view_order(user: Any, order: Order) -> bool:
    return order.user_id is None or is_trusted_viewer(user, order)


def viewable_order_q(user: Any) -> Q:
    """`can_view_order` as a filter (`Order.objects.visible_to`)."""
    officer, province_id = _officer_scope(user)
    if is_admin(user) or (officer and province_id is None):
        return Q(pk__isnull=False)
    condition = Q(user__isnull=True)
    if is_authenticated(user):
        condition |= Q(user_id=user.pk) | Q(seller_id__in=sorted(member_seller_ids(user)))
    if officer:
        condition |= Q(seller__province_id=province_id)
    return condition


def can_view_group(user: Any, group: OrderGroup) -> bool:
    if group.user_id is None or is_admin(user) or is_buyer(user, group):
        return True
    officer, province_id = _officer_scope(user)
    return officer and province_id is None


def viewable_group_q(user: Any) -> Q:
    """`can_view_group` as a filter (`OrderGroup.objects.visible_to`)."""
    officer, province_id = _officer_scope(user)
    if is_admin(user) or (officer and province_id is None):
        return Q(pk__isnull=False)
    condition = Q(user__isnull=True)
    if is_authenticated(user):
        condition |= Q(user_id=user.pk)
    return condition


def managed_orders(user: Any) -> QuerySet[Order]:
    """The staff-side order list (Saleor's `orders`): a seller's, an officer's scope, or all."""
    if is_admin(user):
        return Order.objects.all()
    officer, province_id = _officer_scope(user)
    if officer and province_id is None:
        return Order.objects.all()
    condition = Q(seller_id__in=member_seller_ids(user))
    if officer:
        condition |= Q(seller__province_id=province_id)
    return Order.objects.filter(condition)


def may_list_orders(user: Any) -> bool:
    officer, _ = _officer_scope(user)
    return is_admin(user) or officer or bool(member_seller_ids(user))
