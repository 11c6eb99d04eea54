"""Who sees which seller rows: one rule, as a queryset filter and as an in-memory check.

- A seller's public stall (approved and active) is visible to everyone.
- Its private side (status before approval, legal, contact and bank details, documents,
  warehouses) is visible to its members and to officers whose scope covers its province
  (national officers and superusers: every province).

The in-memory checks answer per row from the viewer's `Scope` (read once per request); the
`Q` builders are the same rule for querysets, with `prefix` naming the path from another
model to the seller (e.g. `"product__seller__"`), so a child row is visible exactly when
its seller's private side is.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from accounts.roles import Scope
from sellers.statuses import SellerStatus


def _all(prefix: str) -> Q:
    # An always-true condition: an empty Q() would vanish when OR-ed with another one.
    return Q(**{f"{prefix}pk__isnull": False})


def member_q(scope: Scope, prefix: str = "") -> Q:
    """Sellers the viewer is staff of."""
    return Q(**{f"{prefix}pk__in": sorted(scope.seller_ids)})


def officer_q(scope: Scope, prefix: str = "") -> Q:
    """Sellers in the viewer's officer scope (nothing for non-officers)."""
    if not scope.is_officer:
        return Q(**{f"{prefix}pk__in": []})
    if scope.is_national_officer:
        return _all(prefix)
    return Q(**{f"{prefix}province_id": scope.officer_province_id})


def private_q(scope: Scope, prefix: str = "") -> Q:
    """Sellers whose private side the viewer sees: its members and officers in scope."""
    return member_q(scope, prefix) | officer_q(scope, prefix)


def public_q(prefix: str = "") -> Q:
    """Sellers whose stall is public: approved and active."""
    return Q(**{f"{prefix}status": SellerStatus.APPROVED, f"{prefix}is_active": True})


def sees_private(scope: Scope, seller: Any) -> bool:
    """`private_q` for one loaded seller, answered from memory."""
    return scope.is_member(seller.pk) or scope.covers_province(seller.province_id)


def is_public(seller: Any) -> bool:
    """`public_q` for one loaded seller."""
    return bool(seller.status == SellerStatus.APPROVED and seller.is_active)


def sees(scope: Scope, seller: Any) -> bool:
    """`Seller.objects.visible_to` for one loaded seller (None: nothing to see)."""
    return seller is not None and (is_public(seller) or sees_private(scope, seller))
