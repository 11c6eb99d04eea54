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
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from graphql import GraphQLError

from catalog import models
from catalog.languages import DEFAULT_LANGUAGE
from catalog.listing import valid_certificates
from core.text import fold
from search.attribute_filters import NetContentRange, material_q, net_content_q
from search.pg import rank_queryset
from search.service import rank_products
from storefront_api.core.channel import resolve_channel
from storefront_api.core.connection import CountableConnection, paginate
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


def _global_pks(ids: list[str] | None, type_name: str) -> list[int]:
    return [global_pk(value, type_name) for value in ids or []]


def search_products(queryset: QuerySet[models.Product], text: str) -> QuerySet[models.Product]:
    """Saleor's `search`: Elasticsearch ranks when configured and reachable, PostgreSQL
    matches the folded text otherwise; either way the queryset is narrowed and annotated
    `search_rank` (lower is better), the default order of a search (see search.service)."""

    ranked = rank_products(queryset, text)
    return ranked if ranked is not None else rank_queryset(queryset, text)


def attribute_q(attribute: dict[str, Any]) -> Q:
    """One of Saleor's `attributes` filters, answered from the label facts as search does
    (search.attribute_filters): material by choice slugs, net content by a range."""
    slug = attribute.get("slug")
    if slug == models.FactKey.MATERIAL and attribute.get("values"):
        return material_q(tuple(attribute["values"]))
    if slug == models.FactKey.NET_CONTENT and attribute.get("values_range"):
        rng = attribute["values_range"]
        return net_content_q(NetContentRange(gte=rng.get("gte"), lte=rng.get("lte")))
    if slug and attribute.get("values"):
        # Another attribute: its value is the fact's text, compared whole.
        facts = models.ProductFact.objects.filter(
            product=OuterRef("pk"), key=slug, value__in=attribute["values"]
        )
        return Q(Exists(facts))
    return Q()


def apply_filter(qs: QuerySet[Any], flt: dict[str, Any]) -> QuerySet[Any]:
    if flt.get("search"):
        qs = search_products(qs, flt["search"])
    if flt.get("categories"):
        qs = qs.filter(category_id__in=_global_pks(flt["categories"], "Category"))
    if flt.get("collections"):
        qs = qs.filter(collections__in=_global_pks(flt["collections"], "Collection"))
    if flt.get("ids"):
        qs = qs.filter(pk__in=_global_pks(flt["ids"], "Product"))
    if flt.get("slugs"):
        qs = qs.filter(slug__in=flt["slugs"])
    if flt.get("has_category") is not None:
        qs = qs.filter(category__isnull=not flt["has_category"])
    for attribute in flt.get("attributes") or []:
        qs = qs.filter(attribute_q(attribute))
    if flt.get("stars"):
        qs = qs.filter(
            ocop_stars__gte=flt["stars"].get("gte") or 0,
            ocop_stars__lte=flt["stars"].get("lte") or 5,
        )
    if flt.get("provinces"):
        qs = qs.filter(origin_province__code__in=flt["provinces"])
    if flt.get("sellers"):
        qs = qs.filter(seller__slug__in=flt["sellers"])
    price = flt.get("price") or flt.get("minimal_price")
    if price:
        if price.get("gte") is not None:
            qs = qs.filter(min_price__gte=price["gte"])
        if price.get("lte") is not None:
            qs = qs.filter(min_price__lte=price["lte"])
    return qs


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
        qs = qs.filter(pk__in=_global_pks(flt["ids"], "Category"))
    if flt.get("slugs"):
        qs = qs.filter(slug__in=flt["slugs"])
    updated = flt.get("updated_at") or {}
    if updated.get("gte") is not None:
        qs = qs.filter(updated_at__gte=updated["gte"])
    if updated.get("lte") is not None:
        qs = qs.filter(updated_at__lte=updated["lte"])
    return qs


def apply_where(qs: QuerySet[Any], where: dict[str, Any]) -> QuerySet[Any]:
    for key, expr in where.items():
        if key == "AND":
            for part in expr:
                qs = apply_where(qs, part)
        elif key == "OR":
            ids: set[int] = set()
            for part in expr:
                ids |= set(apply_where(qs, part).values_list("pk", flat=True))
            qs = qs.filter(pk__in=ids)
        elif key in ("name", "slug") and expr:
            if expr.get("eq") is not None:
                qs = qs.filter(**{key: expr["eq"]})
            if expr.get("one_of"):
                qs = qs.filter(**{f"{key}__in": expr["one_of"]})
        elif key in ("category", "collection", "product_type") and expr:
            type_name = {"category": "Category", "collection": "Collection"}.get(key, "ProductType")
            values = [expr["eq"]] if expr.get("eq") else expr.get("one_of") or []
            lookup = {"collection": "collections__in"}.get(key, f"{key}_id__in")
            qs = qs.filter(**{lookup: _global_pks(values, type_name)})
        elif key == "ids" and expr:
            qs = qs.filter(pk__in=_global_pks(expr, "Product"))
        elif key in ("price", "minimal_price") and expr:
            rng = expr.get("range") or {}
            if expr.get("eq") is not None:
                qs = qs.filter(min_price=expr["eq"])
            if rng.get("gte") is not None:
                qs = qs.filter(min_price__gte=rng["gte"])
            if rng.get("lte") is not None:
                qs = qs.filter(min_price__lte=rng["lte"])
        elif key == "has_category" and expr is not None:
            qs = qs.filter(category__isnull=not expr)
    return qs


SORT_FIELDS = {
    "NAME": "name",
    "PRICE": "min_price",
    "MINIMAL_PRICE": "min_price",
    "CREATED_AT": "created_at",
    "LAST_MODIFIED_AT": "updated_at",
    "LAST_MODIFIED": "updated_at",
    "DATE": "updated_at",
    "RATING": "rating",
    "PUBLISHED_AT": "created_at",
    "PUBLICATION_DATE": "created_at",
    "STARS": "ocop_stars",
    "RANK": "name",
}


def product_queryset(
    channel: models.Channel, args: dict[str, Any], restrict: dict[str, Any] | None = None
) -> QuerySet[models.Product]:

    stars = (
        valid_certificates().filter(product=OuterRef("pk")).order_by("-stars").values("stars")[:1]
    )
    # Typed loosely: the filters below use the annotations, which the stubs cannot follow.
    # Listing does not depend on the viewer (catalog.visibility), hence no user here.
    qs: QuerySet[Any] = (
        models.Product.objects.visible_to(channel=channel)
        .filter(**(restrict or {}))
        .annotate(
            min_price=Min(
                "variants__channel_listings__price_amount",
                filter=Q(variants__channel_listings__channel=channel),
            ),
            ocop_stars=Subquery(stars),
        )
    )
    if args.get("search"):
        qs = search_products(qs, args["search"])
    if args.get("filter"):
        qs = apply_filter(qs, args["filter"])
    if args.get("where"):
        qs = apply_where(qs, args["where"])
    # graphene hands the enum members: compare their values ("PRICE", "DESC").
    sort = {k: getattr(v, "value", v) for k, v in (args.get("sort_by") or {}).items()}
    if "search_rank" in qs.query.annotations and str(sort.get("field") or "RANK") == "RANK":
        # A search without an explicit sort (or sorted by RANK) keeps the search's order.
        worst_first = sort and str(sort.get("direction")) == "ASC"
        return qs.order_by("-search_rank" if worst_first else "search_rank", "pk")
    field = SORT_FIELDS.get(str(sort.get("field") or "NAME"), "name")
    prefix = "-" if str(sort.get("direction", "ASC")) == "DESC" else ""
    return qs.order_by(f"{prefix}{field}", "pk")


def prepare_products(
    products: list[models.Product], channel: models.Channel, paths: set[str]
) -> list[ChannelContext[models.Product]]:
    """Batch the page's related rows in a fixed number of queries, whatever its size; the
    products, shown in `channel`."""

    lookups: list[Any] = []
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
        variant_qs = models.ProductVariant.objects.all().prefetch_related(
            Prefetch(
                "channel_listings",
                queryset=models.ProductVariantChannelListing.objects.filter(channel=channel),
            )
        )
        if wants(
            paths,
            "variants.quantityAvailable",
            "defaultVariant.quantityAvailable",
            "productVariants.edges.node.quantityAvailable",
        ):
            variant_qs = variant_qs.prefetch_related("stocks")
        if wants(paths, "variants.translation", "defaultVariant.translation"):
            variant_qs = variant_qs.prefetch_related("translations")
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
    if wants(paths, "translation"):
        lookups.append("translations")
    if wants(paths, "category.translation"):
        lookups.append("category__translations")
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


def products_page(
    info: graphene.ResolveInfo,
    channel_slug: str | None,
    args: dict[str, Any],
    connection: type[CountableConnection],
    restrict: dict[str, Any] | None = None,
) -> CountableConnection:
    """A page of the products listed in the channel, as `connection` (the products type's
    countable connection, which the caller names)."""
    channel = resolve_channel(channel_slug)
    paths = selected_paths(info, ("edges", "node"))
    qs = with_relations(product_queryset(channel, args, restrict), paths)
    return paginate(
        qs,
        connection,
        args,
        name="products",
        prepare=lambda items: prepare_products(items, channel, paths),
    )


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
    qs = product_queryset(channel, {})
    product = (
        qs.filter(pk=pk).first()
        if pk is not None
        else by_slug(qs, slug, slug_language, models.ProductTranslation, "product")
    )
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
