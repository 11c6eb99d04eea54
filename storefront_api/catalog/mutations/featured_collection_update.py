from __future__ import annotations

from typing import Any

import graphene

from catalog.featured_collections import clean_collection, do_save_collection
from catalog.models import Collection as CollectionModel
from catalog.units import do_with_collection
from storefront_api.catalog.mutations.errors import FeaturedCollectionError
from storefront_api.catalog.mutations.featured_collection_common import (
    FeaturedCollectionInput,
    collection_curator,
    officer_scope,
)
from storefront_api.catalog.types import Collection
from storefront_api.core.mutation import BaseMutation, decode_id, require_user


class FeaturedCollectionUpdate(BaseMutation):
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
        pk = decode_id(id, "Collection", "id")

        def save(collection: CollectionModel) -> CollectionModel:
            cleaned = clean_collection(input, collection=collection, scope=scope)
            return do_save_collection(collection, cleaned, user)

        return cls.success(collection=do_with_collection(pk, collection_curator("id", scope), save))
