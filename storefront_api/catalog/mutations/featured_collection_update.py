from __future__ import annotations

from typing import Any

import graphene

from catalog.featured_collections import clean_collection, do_save_collection
from storefront_api.catalog.mutations.errors import FeaturedCollectionError
from storefront_api.catalog.mutations.featured_collection_common import (
    FeaturedCollectionInput,
    load_collection,
    officer_scope,
)
from storefront_api.catalog.types import Collection
from storefront_api.core.mutation import OcopMutation, require_user


class FeaturedCollectionUpdate(OcopMutation):
    """OCOP: an officer of the collection's province edits it."""

    collection = graphene.Field(Collection)
    errors = graphene.List(graphene.NonNull(FeaturedCollectionError), required=True)

    error_type = FeaturedCollectionError

    class Arguments:
        id = graphene.ID(required=True)
        input = FeaturedCollectionInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, input: dict[str, Any], **_: Any
    ) -> FeaturedCollectionUpdate:
        user = require_user(info)
        scope = officer_scope(user)
        collection = load_collection(id, "id", scope)
        cleaned = clean_collection(input, collection=collection, scope=scope)
        return cls.success(collection=do_save_collection(collection, cleaned, user))
