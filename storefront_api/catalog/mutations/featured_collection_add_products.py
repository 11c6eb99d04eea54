from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy

from catalog.featured_collections import do_add_products
from catalog.models import Collection as CollectionModel
from catalog.models import Product
from catalog.units import do_with_collection
from core.errors import fail
from storefront_api.catalog.mutations.errors import FeaturedCollectionError
from storefront_api.catalog.mutations.featured_collection_common import (
    collection_curator,
    officer_scope,
)
from storefront_api.catalog.types import Collection
from storefront_api.core.mutation import BaseMutation, decode_id, require_user


class FeaturedCollectionAddProducts(BaseMutation):
    """OCOP: add products to a featured collection (Saleor's collectionAddProducts shape)."""

    collection = graphene.Field(Collection)
    errors = graphene.List(graphene.NonNull(FeaturedCollectionError), required=True)

    error_type = FeaturedCollectionError

    class Arguments:
        collection_id = graphene.ID(required=True, description="ID of a collection.")
        products = graphene.List(
            graphene.NonNull(graphene.ID), required=True, description="List of product IDs."
        )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, collection_id: str, products: list[str], **_: Any
    ) -> FeaturedCollectionAddProducts:
        user = require_user(info)
        scope = officer_scope(user)
        pk = decode_id(collection_id, "Collection", "collectionId")
        return do_with_collection(
            pk,
            collection_curator("collectionId", scope),
            lambda collection: cls.change(collection, products),
        )

    @classmethod
    def change(
        cls, collection: CollectionModel, products: list[str]
    ) -> FeaturedCollectionAddProducts:
        pks = [decode_id(value, "Product", "products") for value in products]
        if len(set(pks)) != len(pks):
            fail("products", gettext_lazy("Duplicated product."), "DUPLICATED_INPUT_ITEM")
        found = list(Product.objects.select_related("seller").filter(pk__in=pks).order_by())
        if len(found) != len(pks):
            fail("products", gettext_lazy("Product not found."), "NOT_FOUND")
        by_pk = {p.pk: p for p in found}
        do_add_products(collection, [by_pk[pk] for pk in pks])
        return cls.success(collection=collection)
