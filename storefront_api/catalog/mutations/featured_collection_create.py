from __future__ import annotations

from typing import Any

import graphene

from catalog.featured_collections import clean_collection, do_save_collection
from storefront_api.catalog.mutations.errors import FeaturedCollectionError
from storefront_api.catalog.mutations.featured_collection_common import (
    FeaturedCollectionInput,
    officer_scope,
)
from storefront_api.catalog.types import Collection
from storefront_api.core.mutation import BaseMutation, require_user


class FeaturedCollectionCreate(BaseMutation):
    """OCOP: an officer creates a featured collection shown between its start and end."""

    collection = graphene.Field(Collection)
    errors = graphene.List(graphene.NonNull(FeaturedCollectionError), required=True)

    error_type = FeaturedCollectionError

    class Arguments:
        input = FeaturedCollectionInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> FeaturedCollectionCreate:
        user = require_user(info)
        scope = officer_scope(user)
        cleaned = clean_collection(input, collection=None, scope=scope)
        return cls.success(collection=do_save_collection(None, cleaned, user))
