"""`Query.productVariants` in Saleor 3.23's shape: the variants of the products listed in the
channel, filtered (`ids`, `filter`, `where`, `search`), sorted and paged by keyset.

Saleor sorts variants only by `LAST_MODIFIED_AT`; `NAME` (product name, then variant name),
`SKU` and `PRICE` (the variant's price in the channel) are OCOP extensions of the same enum,
for a buyer's or a seller's variant picker. A page costs the same number of SQL queries
whatever its size: the page's ids in one keyset query, then its products and their variants
prepared as a product list prepares them (`prepare_products`)."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from catalog import models
from core.prefetch import prefetched
from storefront_api.catalog.filters import DateTimeRangeInput, OrderDirection, StringFilterInput
from storefront_api.catalog.lookups import (
    global_pks_of,
    prepare_products,
    search_products,
    with_relations,
)
from storefront_api.catalog.types import ProductVariantCountableConnection
from storefront_api.core.channel import resolve_channel
from storefront_api.core.context import ChannelContext
from storefront_api.core.keyset import Keyset, keyset_page
from storefront_api.core.selection import selected_paths
from storefront_api.sellers.permissions import viewer


class ProductVariantFilterInput(graphene.InputObjectType):
    search = graphene.String()
    sku = graphene.List(graphene.NonNull(graphene.String))
    updated_at = graphene.Field(DateTimeRangeInput)


class ProductVariantWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    sku = graphene.Field(StringFilterInput)
    updated_at = graphene.Field(DateTimeRangeInput)
    AND = graphene.List(graphene.NonNull(lambda: ProductVariantWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: ProductVariantWhereInput), name="OR")


class ProductVariantSortField(graphene.Enum):
    LAST_MODIFIED_AT = "LAST_MODIFIED_AT"
    NAME = "NAME"
    SKU = "SKU"
    PRICE = "PRICE"

    @property
    def description(self) -> str | None:
        return {
            "LAST_MODIFIED_AT": "Sort variants by last modification date.",
            "NAME": "OCOP: by product name, then variant name.",
            "SKU": "OCOP: by SKU.",
            "PRICE": "OCOP: by the variant's price in the channel.",
        }.get(self.name)


class ProductVariantSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(ProductVariantSortField, required=True)


# The sort field → the keyset's columns before the id (annotations made in `_sorted`).
SORT_KEYS = {
    "LAST_MODIFIED_AT": ("updated_at",),
    "NAME": ("product_name", "name"),
    "SKU": ("sort_sku",),
    "PRICE": ("price",),
}


def _range(field: str, bounds: dict[str, Any] | None) -> Q:
    found = Q()
    if (bounds or {}).get("gte") is not None:
        found &= Q(**{f"{field}__gte": bounds["gte"]})  # type: ignore[index]
    if (bounds or {}).get("lte") is not None:
        found &= Q(**{f"{field}__lte": bounds["lte"]})  # type: ignore[index]
    return found


def where_q(where: dict[str, Any]) -> Q:
    """Saleor's `ProductVariantWhereInput`: every given key must hold; AND/OR nest."""
    found = Q()
    if where.get("ids") is not None:
        found &= Q(pk__in=global_pks_of(where["ids"], "ProductVariant"))
    sku = where.get("sku") or {}
    if sku.get("eq") is not None:
        found &= Q(sku=sku["eq"])
    if sku.get("one_of") is not None:
        found &= Q(sku__in=sku["one_of"])
    found &= _range("updated_at", where.get("updated_at"))
    for part in where.get("AND") or []:
        found &= where_q(part)
    if where.get("OR"):
        either = Q(pk__in=[])
        for part in where["OR"]:
            either |= where_q(part)
        found &= either
    return found


def _search_q(text: str) -> Q:
    """A variant matches by its SKU, its own name, or its product's search (folded
    Vietnamese, the same search as `products(search:)`)."""
    products = search_products(models.Product.objects.all(), text)
    return (
        Q(sku__iexact=text.strip())
        | Q(name__icontains=text.strip())
        | Q(product_id__in=products.values("pk"))
    )


def _sorted(rows: QuerySet[Any], field: str, channel: models.Channel) -> QuerySet[Any]:
    if field == "NAME":
        return rows.annotate(product_name=F("product__name"))
    if field == "SKU":
        # SKUs are unique but optional: an empty one sorts first, as "".
        return rows.annotate(sort_sku=Coalesce("sku", Value("")))
    if field == "PRICE":
        price = models.ProductVariantChannelListing.objects.filter(
            variant=OuterRef("pk"), channel=channel
        ).values("price_amount")[:1]
        return rows.annotate(price=Subquery(price))
    return rows


def variants_page(info: graphene.ResolveInfo, args: dict[str, Any]) -> Any:
    channel = resolve_channel(args.get("channel"))
    rows = models.ProductVariant.objects.visible_to(viewer(info), channel=channel).filter(
        channel_listings__channel=channel, channel_listings__price_amount__isnull=False
    )
    if args.get("ids") is not None:
        rows = rows.filter(pk__in=global_pks_of(args["ids"], "ProductVariant"))
    flt = args.get("filter") or {}
    if flt.get("sku") is not None:
        rows = rows.filter(sku__in=flt["sku"])
    rows = rows.filter(_range("updated_at", flt.get("updated_at")))
    if args.get("where"):
        rows = rows.filter(where_q(args["where"]))
    for text in (args.get("search"), flt.get("search")):
        if text and text.strip():
            rows = rows.filter(_search_q(text))
    sort = args.get("sort_by") or {}
    field = str(getattr(sort.get("field"), "value", sort.get("field")) or "LAST_MODIFIED_AT")
    descending = str(getattr(sort.get("direction"), "value", sort.get("direction"))) == "DESC"
    keys = SORT_KEYS.get(field, SORT_KEYS["LAST_MODIFIED_AT"])
    keyset = Keyset((*keys, "pk"), descending=descending)
    narrow = _sorted(rows.only("pk", "product_id", "updated_at", "name", "sku"), field, channel)
    page = keyset_page(narrow, keyset, args, name="productVariants")
    nodes = _prepared(info, channel, page.rows)
    edge_type = ProductVariantCountableConnection.Edge
    shown = [(node, cursor) for node, cursor in zip(nodes, page.cursors, strict=True) if node]
    wants_total = "totalCount" in selected_paths(info)
    return ProductVariantCountableConnection(
        edges=[edge_type(node=node, cursor=cursor) for node, cursor in shown],
        page_info=graphene.relay.PageInfo(
            start_cursor=page.start_cursor,
            end_cursor=page.end_cursor,
            has_previous_page=page.has_previous_page,
            has_next_page=page.has_next_page,
        ),
        total_count=rows.order_by().count() if wants_total else None,
    )


def _prepared(
    info: graphene.ResolveInfo, channel: models.Channel, rows: list[models.ProductVariant]
) -> list[ChannelContext[models.ProductVariant] | None]:
    """The page's variants, each reached through its product as `Product.variants` reaches
    it (prices, stock, media and facts batched per page, not per variant)."""
    paths = selected_paths(info, ("edges", "node"))
    product_paths = {"variants." + p for p in paths} | {
        p.removeprefix("product.") for p in paths if p.startswith("product.")
    }
    # A variant's media and attributes are its product's (photos and label facts).
    for name in ("media", "attributes", "assignedAttribute", "assignedAttributes"):
        if any(p == name or p.startswith(f"{name}.") for p in paths):
            product_paths.add(name)
    product_paths.add("variants")
    product_ids = {row.product_id for row in rows}
    products = list(
        with_relations(models.Product.objects.filter(pk__in=product_ids), product_paths)
    )
    contexts = {c.node.pk: c for c in prepare_products(products, channel, product_paths)}
    variants = {v.pk: (c, v) for c in contexts.values() for v in prefetched(c.node, "variants")}
    return [
        variants[row.pk][0].of(variants[row.pk][1]) if row.pk in variants else None for row in rows
    ]


class VariantQueries(graphene.ObjectType):
    product_variants = graphene.Field(
        ProductVariantCountableConnection,
        ids=graphene.List(graphene.NonNull(graphene.ID)),
        channel=graphene.String(),
        filter=graphene.Argument(
            ProductVariantFilterInput, deprecation_reason="Use `where` filter instead."
        ),
        where=graphene.Argument(ProductVariantWhereInput),
        search=graphene.String(),
        sort_by=graphene.Argument(ProductVariantSortingInput),
        before=graphene.String(),
        after=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        description="List of product variants (of the products listed in the channel).",
    )

    @staticmethod
    def resolve_product_variants(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        return variants_page(info, args)
