from __future__ import annotations

from collections.abc import Callable
from functools import partial

import graphene
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Scope, scope_of
from catalog.featured_collections import can_curate
from catalog.models import Collection
from storefront_api.core.mutation import denied, not_found


class FeaturedCollectionInput(graphene.InputObjectType):
    name = graphene.String(description='e.g. "Quà Tết", "Đặc sản Điện Biên".')
    slug = graphene.String()
    description = graphene.String()
    starts_at = graphene.DateTime(description="Shown from (empty: now).")
    ends_at = graphene.DateTime(description="Shown until (empty: open-ended).")
    province = graphene.String(
        description="Province code; provincial officers' collections are their province's. "
        "Empty (national officers only): a national collection."
    )
    is_published = graphene.Boolean()


def officer_scope(user: User) -> Scope:
    scope = scope_of(user)
    if not scope.is_officer:
        denied(None, _("Only OCOP officers curate collections."))
    return scope


def collection_curator(field: str, scope: Scope) -> Callable[[Collection | None], Collection]:
    """The check `catalog.units.do_with_collection` runs on the locked collection."""
    return partial(check_curatable, field=field, scope=scope)


def check_curatable(collection: Collection | None, field: str, scope: Scope) -> Collection:
    """A featured collection the caller's scope may curate."""
    if collection is None or not collection.is_featured:
        not_found(field, "Collection")
    if not can_curate(scope, collection):
        denied(field, _("Another province's collection."))
    return collection
