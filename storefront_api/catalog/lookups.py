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
    Exists,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from graphql import GraphQLError

from catalog import models
from catalog.languages import DEFAULT_LANGUAGE
from catalog.listed import listed_now
from core.prefetch import PREFIX, prefetched, set_prefetched, to_list
from core.text import fold
from search.attribute_filters import NetContentRange, material_q, net_content_q
from search.pg import rank_queryset
from search.service import rank_products
from storefront_api.core.channel import resolve_channel
from storefront_api.core.context import ChannelContext
from storefront_api.core.selection import selected_paths, wants
from storefront_api.sellers.permissions import viewer

# The certificate's fields read from its product (sub)group (and `…Code`).
GROUP_FIELDS = ("productGroup", "productSubgroup")


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


def attribute_q(attribute: dict[str, Any], product: str = "pk") -> Q:
    """One of Saleor's `attributes` filters, answered from the label facts as search does
    (search.attribute_filters): material by choice slugs, net content by a range.
    `product` names the product's id in the filtered rows ("product_id" on the record)."""
    slug = attribute.get("slug")
    if slug == models.FactKey.MATERIAL and attribute.get("values"):
        return material_q(tuple(attribute["values"]), product)
    if slug == models.FactKey.NET_CONTENT and attribute.get("values_range"):
        rng = attribute["values_range"]
        return net_content_q(NetContentRange(gte=rng.get("gte"), lte=rng.get("lte")), product)
    if slug and attribute.get("values"):
        # Another attribute: its value is the fact's text, compared whole.
        facts = models.ProductFact.objects.filter(
            product=OuterRef(product), key=slug, value__in=attribute["values"]
        )
        return Q(Exists(facts))
    return Q()


def filter_categories(qs: QuerySet[Any], flt: dict[str, Any]) -> QuerySet[Any]:
    """Saleor's `CategoryFilterInput`: search (names in both languages, slug, folded
    accents too: "mat ong" finds "Mật ong"), ids, slugs, updatedAt."""
    if flt.get("search"):
        text = flt["search"].strip()
        matching = [
            c.pk
            for c in models.Category.objects.only("pk", "name", "name_en", "slug")
            if fold(text) in fold(f"{c.name} {c.name_en} {c.slug}")
        ]
        qs = qs.filter(pk__in=matching)
    if flt.get("ids"):
        qs = qs.filter(pk__in=global_pks_of(flt["ids"], "Category"))
    if flt.get("slugs"):
        qs = qs.filter(slug__in=flt["slugs"])
    updated = flt.get("updated_at") or {}
    if updated.get("gte") is not None:
        qs = qs.filter(updated_at__gte=updated["gte"])
    if updated.get("lte") is not None:
        qs = qs.filter(updated_at__lte=updated["lte"])
    return qs


def product_queryset(channel: models.Channel) -> QuerySet[models.Product]:
    """The products listed in `channel` now, as lists read them: from the listing record
    (`catalog.listed`, the rule as indexed state), for one product by id or slug. The
    page then shows exactly the products the lists and search link to, and its query
    is one semi-join on the record's unique (product, channel) index instead of the
    rule's subqueries (about 5 ms less to build and run a product page's statement).
    Buying still checks the rule itself (checkout)."""
    return models.Product.objects.filter(pk__in=listed_now(channel).values("product_id"))


def prepare_products(
    products: list[models.Product], channel: models.Channel, paths: set[str]
) -> list[ChannelContext[models.Product]]:
    """Batch the page's related rows in a fixed number of queries, whatever its size; the
    products, shown in `channel`."""

    lookups: list[Any] = []
    variant_qs: QuerySet[models.ProductVariant] | None = None
    if wants(paths, "assignedAttribute", "assignedAttributes", "attributes"):
        # The label facts the attributes are read from (catalog.attributes): one query.
        lookups.append("facts")
    if wants(
        paths,
        "pricing",
        "variants",
        "productVariants",
        "defaultVariant",
        "isAvailable",
        "isAvailableForPurchase",
    ):
        # Variants and the photos as plain lists (core.prefetch: the hot relations of a
        # product card; read them with `prefetched()`), each variant's price in the
        # channel joined to its row (at most one listing a channel): one query for both.
        variant_qs = models.ProductVariant.objects.annotate(
            in_channel=FilteredRelation(
                "channel_listings", condition=Q(channel_listings__channel=channel)
            )
        ).select_related("in_channel")  # type: ignore[misc]  # django-stubs: no FilteredRelation
        if wants(
            paths,
            "variants.quantityAvailable",
            "defaultVariant.quantityAvailable",
            "productVariants.edges.node.quantityAvailable",
        ):
            variant_qs = variant_qs.prefetch_related("stocks")
        if wants(paths, "variants.translation", "defaultVariant.translation"):
            variant_qs = variant_qs.prefetch_related("translations")
        lookups.append(to_list("variants", variant_qs))
    if wants(
        paths,
        "thumbnail",
        "media",
        "variants.media",
        "defaultVariant.media",
        "productVariants.edges.node.media",
    ):
        lookups.append(
            to_list("media", models.ProductMedia.objects.prefetch_related(to_list("thumbnails")))
        )
    if wants(paths, "ocopCertificate"):
        # Unordered: which one shows is `current_certificate`'s choice, not the row order.
        certificates = models.OcopCertificate.objects.order_by()
        if wants(
            paths,
            *(f"ocopCertificate.{name}{code}" for name in GROUP_FIELDS for code in ("", "Code")),
        ):
            # A card asks the stars only: the groups' join is for the queries that show them.
            certificates = certificates.select_related("product_group", "product_subgroup")
        lookups.append(to_list("certificates", certificates))
        if wants(paths, "ocopCertificate.province", "ocopCertificate.events"):
            # Both read the seller's province (who reviews it, who may see the events).
            lookups.append("seller__province")
        if wants(paths, "ocopCertificate.events"):
            lookups.append(f"{PREFIX}certificates__events__actor")
    if wants(paths, "translation"):
        lookups.append("translations")
    if wants(paths, "category.translation"):
        lookups.append("category__translations")
    if lookups:
        prefetch_related_objects(products, *lookups)
    if variant_qs is not None:
        for product in products:
            for variant in prefetched(product, "variants"):
                # What `channel_price` reads: the variant's listings in this channel.
                listing = variant.in_channel
                set_prefetched(variant, "channel_listings", [listing] if listing else [])
    return [ChannelContext(product, channel) for product in products]


def relation_names(paths: set[str]) -> list[str]:
    """The product's to-one relations the query selects (for `select_related`)."""
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
    return related


def with_relations(qs: QuerySet[models.Product], paths: set[str]) -> QuerySet[models.Product]:
    related = relation_names(paths)
    return qs.select_related(*related) if related else qs


def resolve_product(
    info: graphene.ResolveInfo,
    channel_slug: str | None,
    *,
    pk: int | None,
    slug: str | None = None,
    channel: models.Channel | None = None,
    slug_language: str | None = None,
) -> ChannelContext[models.Product] | None:
    """`product(id|slug)` and `node(id: "Product:…")`: a product visible in the channel;
    with `slug_language`, the slug may also be the product's slug in that language."""
    channel = channel or resolve_channel(channel_slug)
    paths = selected_paths(info)
    # The seller, category and provinces the query selects come in the same statement.
    qs = with_relations(product_queryset(channel), paths)
    product = (
        qs.filter(pk=pk).first()
        if pk is not None
        else by_slug(qs, slug, slug_language, models.ProductTranslation, "product")
    )
    if product is None:
        return None
    return prepare_products([product], channel, paths)[0]


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
    found = next((v for v in prefetched(product.node, "variants") if v.pk == variant.pk), None)
    return None if found is None else product.of(found)


def by_slug(
    qs: QuerySet[Any], slug: str | None, language: str | None, translation: Any, owner: str
) -> Any:
    """The row of `qs` whose slug is `slug`, or (with a language other than Vietnamese)
    whose translation into `language` has that slug: a translated URL resolves and the
    Vietnamese one still does. The row's own slug wins when both match."""
    if language and language != DEFAULT_LANGUAGE:
        translated = translation.objects.filter(language_code=language, slug=slug)
        found = list(qs.filter(Q(slug=slug) | Q(pk__in=translated.values(owner))).order_by()[:2])
        return next((row for row in found if row.slug == slug), found[0] if found else None)
    return qs.filter(slug=slug).first()


def resolve_collection(
    info: graphene.ResolveInfo,
    channel_slug: str | None,
    *,
    pk: int | None,
    slug: str | None = None,
    slug_language: str | None = None,
) -> ChannelContext[models.Collection] | None:
    """`collection(id|slug)` and `node(id: "Collection:…")`: a current collection."""
    qs = models.Collection.objects.visible_to(viewer(info))
    found = (
        qs.filter(pk=pk).first()
        if pk is not None
        else by_slug(qs, slug, slug_language, models.CollectionTranslation, "collection")
    )
    return None if found is None else ChannelContext(found, resolve_channel(channel_slug))
