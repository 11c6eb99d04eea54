"""Who sees a seller's private data: its members and officers whose scope covers it.

The viewer's scope is read once per request (two queries) and kept on the request, so
private fields cost no query per seller in list queries.
"""

from __future__ import annotations

from typing import Any

import graphene

from accounts.roles import Scope, scope_of
from sellers.models import Seller, SellerStatus

_CACHE_ATTR = "_ocop_viewer_scope"


def viewer_scope(info: graphene.ResolveInfo) -> Scope:
    request = info.context
    scope = getattr(request, _CACHE_ATTR, None)
    if scope is None:
        scope = scope_of(getattr(request, "user", None))
        setattr(request, _CACHE_ATTR, scope)
    return scope


def forget_viewer_scope(info: graphene.ResolveInfo) -> None:
    """Mutations that change memberships call this so later fields see the change."""
    if hasattr(info.context, _CACHE_ATTR):
        delattr(info.context, _CACHE_ATTR)


def can_see_private(info: graphene.ResolveInfo, seller: Seller) -> bool:
    scope = viewer_scope(info)
    return scope.is_member(seller.pk) or scope.covers_province(seller.province_id)


def is_public(seller: Seller) -> bool:
    return seller.status == SellerStatus.APPROVED and seller.is_active


def can_see(info: graphene.ResolveInfo, seller: Any) -> bool:
    return seller is not None and (is_public(seller) or can_see_private(info, seller))
