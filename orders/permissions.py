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

from accounts.roles import is_authenticated
from orders.models import Order, OrderGroup
from orders.visibility import is_admin, member_seller_ids, officer_scope


def is_buyer(user: Any, order: Order | OrderGroup) -> bool:
    return is_authenticated(user) and order.user_id == user.pk


def can_manage_order(user: Any, order: Order) -> bool:
    return is_admin(user) or order.seller_id in member_seller_ids(user)


def is_trusted_viewer(user: Any, order: Order) -> bool:
    """Sees the order's personal data (buyer, its seller, officers in scope, admins)."""
    if is_admin(user) or is_buyer(user, order) or can_manage_order(user, order):
        return True
    officer, province_id = officer_scope(user)
    return officer and (province_id is None or province_id == order.seller.province_id)


def can_view_order(user: Any, order: Order) -> bool:
    return order.user_id is None or is_trusted_viewer(user, order)


def may_see_gift_cards(user: Any, order: Order) -> bool:
    """The gift cards that paid an order (balance, last digits) are the buyer's business: its
    seller and officers see the order's money, never the cards. A guest's order is reached by
    its id alone, so there its holder counts as the buyer unless signed in as the seller's
    member or an officer."""
    if is_admin(user) or is_buyer(user, order):
        return True
    if order.user_id is not None:
        return False
    officer, _ = officer_scope(user)
    return not officer and order.seller_id not in member_seller_ids(user)


def may_see_gift_card_codes(user: Any, order: Order) -> bool:
    """A gift card's whole code spends its balance, so only the signed-in buyer and admins
    read it (Saleor: the card's owner or MANAGE_GIFT_CARD); a guest's id holder sees the
    masked code, as the id may have been passed on."""
    return is_admin(user) or is_buyer(user, order)


def can_view_group(user: Any, group: OrderGroup) -> bool:
    if group.user_id is None or is_admin(user) or is_buyer(user, group):
        return True
    officer, province_id = officer_scope(user)
    return officer and province_id is None


def managed_orders(user: Any) -> QuerySet[Order]:
    """The staff-side order list (Saleor's `orders`): a seller's, an officer's scope, or all."""
    if is_admin(user):
        return Order.objects.all()
    officer, province_id = officer_scope(user)
    if officer and province_id is None:
        return Order.objects.all()
    condition = Q(seller_id__in=member_seller_ids(user))
    if officer:
        condition |= Q(seller__province_id=province_id)
    return Order.objects.filter(condition)


def may_list_orders(user: Any) -> bool:
    officer, _ = officer_scope(user)
    return is_admin(user) or officer or bool(member_seller_ids(user))
