"""Product, variant and collection lookups in a channel: the listing rule, Saleor's
filters/sorting/search, and batched loading.

The query fields (`schema.py`) and the types' own fields (`types.py`, e.g.
`Category.products`, `node(id:)`) both use them, so this module imports no type: what it
returns is wrapped in a `ChannelContext` (the channel the objects are shown in).
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import (
    Prefetch,
    QuerySet,
    prefetch_related_objects,
)
from graphql import GraphQLError

from catalog import models
from search.pg import rank_queryset
from search.service import rank_products
from storefront_api.core.channel import resolve_channel
from storefront_api.core.context import ChannelContext
from storefront_api.core.selection import selected_paths, wants
from storefront_api.sellers.permissions import viewer


def global_pk(value: str, type_name: str) -> int:
    """The primary key in a Relay global ID of `type_name`; Saleor's error for anything else
    (a string that is not base64 at all included: it must never reach the database)."""
    try:
        kind, pk = graphene.Node.resolve_global_id(None, value)
    except Exception:
        kind, pk = None, None
    if kind != type_name or not str(pk).isdigit():
        raise GraphQLError(f"Invalid ID: {str(value)[:100]}. Expected: {type_name}.")
    return int(str(pk))


def global_pks_of(ids: list[str] | None, type_name: str) -> list[int]:
    return [global_pk(value, type_name) for value in ids or []]


def search_products(queryset: QuerySet[models.Product], text: str) -> QuerySet[models.Product]:
    """Saleor's `search`: Elasticsearch ranks when configured and reachable, PostgreSQL
    matches the folded text otherwise; either way the queryset is narrowed and annotated
    `search_rank` (lower is better), the default order of a search (see search.service)."""

    ranked = rank_products(queryset, text)
    return ranked if ranked is not None else rank_queryset(queryset, text)


def product_queryset(channel: models.Channel) -> QuerySet[models.Product]:
    """The products listed in `channel` by the rule itself (`catalog.listing`): one product
    by id or slug, or the page of ids a search answered. Lists read the listing record
    instead (`storefront_api.catalog.product_list`)."""
    return models.Product.objects.visible_to(channel=channel)


def prepare_products(
    products: list[models.Product], channel: models.Channel, paths: set[str]
) -> list[ChannelContext[models.Product]]:
    """Batch the page's related rows in a fixed number of queries, whatever its size; the
    products, shown in `channel`."""

    lookups: list[Any] = []
    if wants(
        paths, "pricing", "variants", "defaultVariant", "isAvailable", "isAvailableForPurchase"
    ):
        variant_qs = models.ProductVariant.objects.all().prefetch_related(
            Prefetch(
                "channel_listings",
                queryset=models.ProductVariantChannelListing.objects.filter(channel=channel),
            )
        )
        if wants(paths, "variants.quantityAvailable", "defaultVariant.quantityAvailable"):
            variant_qs = variant_qs.prefetch_related("stocks")
        lookups.append(Prefetch("variants", queryset=variant_qs))
    if wants(paths, "thumbnail", "media"):
        lookups.append(
            Prefetch("media", queryset=models.ProductMedia.objects.prefetch_related("thumbnails"))
        )
    if wants(paths, "ocopCertificate"):
        lookups.append(
            Prefetch(
                "certificates",
                queryset=models.OcopCertificate.objects.select_related(
                    "product_group", "product_subgroup"
                ),
            )
        )
        if wants(paths, "ocopCertificate.province", "ocopCertificate.events"):
            # Both read the seller's province (who reviews it, who may see the events).
            lookups.append("seller__province")
        if wants(paths, "ocopCertificate.events"):
            lookups.append("certificates__events__actor")
    if lookups:
        prefetch_related_objects(products, *lookups)
    return [ChannelContext(product, channel) for product in products]


def with_relations(qs: QuerySet[models.Product], paths: set[str]) -> QuerySet[models.Product]:
    related = [
        name
        for field, name in (
            ("seller", "seller"),
            ("category", "category"),
            ("originProvince", "origin_province"),
            ("productType", "product_type"),
        )
        if wants(paths, field)
    ]
    if wants(paths, "seller.province"):
        related.append("seller__province")
    return qs.select_related(*related) if related else qs


def resolve_product(
    info: graphene.ResolveInfo,
    channel_slug: str | None,
    *,
    pk: int | None,
    slug: str | None = None,
    channel: models.Channel | None = None,
) -> ChannelContext[models.Product] | None:
    """`product(id|slug)` and `node(id: "Product:…")`: a product visible in the channel."""
    channel = channel or resolve_channel(channel_slug)
    qs = product_queryset(channel)
    product = qs.filter(pk=pk).first() if pk is not None else qs.filter(slug=slug).first()
    if product is None:
        return None
    return prepare_products([product], channel, selected_paths(info))[0]


def resolve_product_variant(
    info: graphene.ResolveInfo, channel_slug: str | None, *, pk: int | None, sku: str | None = None
) -> ChannelContext[models.ProductVariant] | None:
    """`productVariant(id|sku)` and `node(id: "ProductVariant:…")`: a variant of a product
    visible in the channel, prepared like its product's variants."""
    channel = resolve_channel(channel_slug)
    qs = models.ProductVariant.objects.visible_to(viewer(info), channel=channel)
    variant = qs.filter(pk=pk).first() if pk is not None else qs.filter(sku=sku).first()
    if variant is None:
        return None
    product = resolve_product(info, None, pk=variant.product_id, slug=None, channel=channel)
    if product is None:
        return None
    prepare_products([product.node], channel, {"variants.quantityAvailable"})
    found = next((v for v in product.node.variants.all() if v.pk == variant.pk), None)
    return None if found is None else product.of(found)


def resolve_collection(
    info: graphene.ResolveInfo, channel_slug: str | None, *, pk: int | None, slug: str | None = None
) -> ChannelContext[models.Collection] | None:
    """`collection(id|slug)` and `node(id: "Collection:…")`: a current collection."""
    qs = models.Collection.objects.visible_to(viewer(info))
    found = qs.filter(pk=pk).first() if pk is not None else qs.filter(slug=slug).first()
    return None if found is None else ChannelContext(found, resolve_channel(channel_slug))
