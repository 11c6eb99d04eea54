"""Who sees a seller's private data: its members and officers whose scope covers it.

The rule itself lives in `sellers.visibility`; this module answers it for the GraphQL
viewer. The viewer's scope is read once per request (two queries) and kept on the
request, so private fields cost no query per seller in list queries.
"""

from __future__ import annotations

from typing import Any

import graphene

from accounts.roles import Scope, scope_of
from sellers import visibility
from sellers.models import Seller

_CACHE_ATTR = "_ocop_viewer_scope"


def viewer(info: graphene.ResolveInfo) -> Any:
    """The requesting user (anonymous users included), as `visible_to` methods take it."""
    return getattr(info.context, "user", None)


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
    return visibility.sees_private(viewer_scope(info), seller)


def is_public(seller: Seller) -> bool:
    return visibility.is_public(seller)


def can_see(info: graphene.ResolveInfo, seller: Any) -> bool:
    return seller is not None and (is_public(seller) or can_see_private(info, seller))
