from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLError

from catalog import models
from storefront_api.catalog.filters import (
    CategoryFilterInput,
    ProductFilterInput,
    ProductOrder,
    ProductWhereInput,
)
from storefront_api.catalog.lookups import (
    by_slug,
    filter_categories,
    global_pk,
    resolve_collection,
    resolve_product,
    resolve_product_variant,
)
from storefront_api.catalog.resolvers import resolve_products
from storefront_api.catalog.types import (
    Category,
    CategoryCountableConnection,
    Collection,
    CollectionCountableConnection,
    LanguageCodeEnum,
    Product,
    ProductCountableConnection,
    ProductVariant,
)
from storefront_api.core.channel import resolve_channel
from storefront_api.core.connection import paginate
from storefront_api.core.context import ChannelContext
from storefront_api.core.mutation import enum_value
from storefront_api.core.selection import selected_paths, wants
from storefront_api.sellers.permissions import viewer


class CatalogQueries(graphene.ObjectType):
    products = relay.ConnectionField(
        ProductCountableConnection,
        filter=ProductFilterInput(),
        where=ProductWhereInput(),
        sort_by=ProductOrder(),
        search=graphene.String(),
        channel=graphene.String(),
        description="List of the shop's products (only listable, OCOP-certified ones).",
    )
    product = graphene.Field(
        Product,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        channel=graphene.String(),
    )
    product_variant = graphene.Field(
        ProductVariant, id=graphene.ID(), sku=graphene.String(), channel=graphene.String()
    )
    categories = relay.ConnectionField(
        CategoryCountableConnection, filter=CategoryFilterInput(), level=graphene.Int()
    )
    category = graphene.Field(
        Category,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
    )
    collections = relay.ConnectionField(CollectionCountableConnection, channel=graphene.String())
    collection = graphene.Field(
        Collection,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        channel=graphene.String(),
    )

    @staticmethod
    def resolve_products(
        root: Any, info: graphene.ResolveInfo, channel: str | None = None, **args: Any
    ) -> Any:
        return resolve_products(info, channel, args)

    @staticmethod
    def resolve_product(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        channel: str | None = None,
        slug_language_code: Any = None,
    ) -> Any:
        if bool(id) == bool(slug):
            raise GraphQLError("Exactly one of `id` or `slug` is required.")
        return resolve_product(
            info,
            channel,
            pk=global_pk(id, "Product") if id else None,
            slug=slug,
            slug_language=enum_value(slug_language_code),
        )

    @staticmethod
    def resolve_product_variant(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        sku: str | None = None,
        channel: str | None = None,
    ) -> Any:
        if bool(id) == bool(sku):
            raise GraphQLError("Exactly one of `id` or `sku` is required.")
        pk = global_pk(id, "ProductVariant") if id else None
        return resolve_product_variant(info, channel, pk=pk, sku=None if id else sku)

    @staticmethod
    def resolve_categories(
        root: Any,
        info: graphene.ResolveInfo,
        level: int | None = None,
        filter: dict[str, Any] | None = None,
        **args: Any,
    ) -> Any:
        qs = models.Category.objects.select_related("parent").order_by("level", "name", "pk")
        if level is not None:
            qs = qs.filter(level=level)
        if wants(selected_paths(info, ("edges", "node")), "translation"):
            qs = qs.prefetch_related("translations")
        if filter:
            qs = filter_categories(qs, filter)
        return paginate(qs, CategoryCountableConnection, args, name="categories")

    @staticmethod
    def resolve_category(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        slug_language_code: Any = None,
    ) -> Any:
        qs = models.Category.objects.select_related("parent")
        if id:
            return qs.filter(pk=global_pk(id, "Category")).first()
        language = enum_value(slug_language_code)
        return by_slug(qs, slug, language, models.CategoryTranslation, "category")

    @staticmethod
    def resolve_collections(
        root: Any, info: graphene.ResolveInfo, channel: str | None = None, **args: Any
    ) -> Any:
        shown_in = resolve_channel(channel)

        def tag(items: list[models.Collection]) -> list[ChannelContext[models.Collection]]:
            return [ChannelContext(item, shown_in) for item in items]

        qs = models.Collection.objects.visible_to(viewer(info)).order_by(
            "-is_featured", "name", "pk"
        )
        if wants(selected_paths(info, ("edges", "node")), "translation"):
            qs = qs.prefetch_related("translations")
        return paginate(qs, CollectionCountableConnection, args, name="collections", prepare=tag)

    @staticmethod
    def resolve_collection(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        channel: str | None = None,
        slug_language_code: Any = None,
    ) -> Any:
        pk = global_pk(id, "Collection") if id else None
        return resolve_collection(
            info,
            channel,
            pk=pk,
            slug=None if id else slug,
            slug_language=enum_value(slug_language_code),
        )


__all__ = ["selected_paths"]
