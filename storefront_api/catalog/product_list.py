"""`products`, `Category.products`, `Collection.products` and `Seller.products`, read from the
listing record (`catalog.ListedProduct`): filtered, sorted and counted on that narrow,
indexed table, paged by keyset on `(sort key, product id)`, and joined to the products only
for the page's rows.

- Cost: the page is one index range scan of `(channel, key, product)` whatever the page
  number (no OFFSET); the products of the page are then loaded by primary key.
- `totalCount` is computed only when the query selects it, always exact. Unfiltered (the
  channel's whole list) it is the kept count of `catalog.listed_count`: one statement whose
  cost does not grow with the catalogue. Filtered, searched or under a parent it is a
  `COUNT(*)` of the record's rows that pass (an index-only scan of the narrow record, no
  join to the products): linear in the rows that pass, about 10 ms per 100,000 on the
  bench machine (bench/README.md), so a narrow filter counts fast. Filtered by one
  province, the page and the count are range scans of the `listed_province` index
  (channel, province, min_price, product): the province's rows only, at any catalogue size.
- A search (`search:` or `filter.search`) narrows the record to the matches (PostgreSQL's
  GIN index, or Elasticsearch's ranked ids); sorted by RANK it pages by
  `(search_rank, id)` over the matches, otherwise by the record's keys.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import OuterRef, Q, QuerySet, Subquery

from catalog import models
from catalog.listed import listed_now
from catalog.listed_count import listed_count
from places.models import Province
from sellers.models import Seller
from storefront_api.catalog.lookups import (
    attribute_q,
    global_pks_of,
    prepare_products,
    relation_names,
    search_products,
    with_relations,
)
from storefront_api.core.channel import resolve_channel
from storefront_api.core.connection import CountableConnection
from storefront_api.core.keyset import Keyset, keyset_page
from storefront_api.core.selection import selected_paths

# Saleor's sort fields → the record's columns (each with a (channel, key, product) index).
SORT_KEYS = {
    "NAME": "name",
    "RANK": "name",
    "PRICE": "min_price",
    "MINIMAL_PRICE": "min_price",
    "CREATED_AT": "created_at",
    "LAST_MODIFIED_AT": "updated_at",
    "LAST_MODIFIED": "updated_at",
    "DATE": "updated_at",
    "RATING": "rating",
    "PUBLISHED": "published_at",
    "PUBLISHED_AT": "published_at",
    "PUBLICATION_DATE": "published_at",
    "STARS": "stars",
}


def _collection_order(rows: QuerySet[Any], collection: models.Collection) -> QuerySet[Any]:
    """Saleor's `COLLECTION` sort: the curated order of the collection's products (its
    `sort_order`), annotated as `collection_order` for the keyset."""
    position = models.CollectionProduct.objects.filter(
        collection_id=collection.pk, product_id=OuterRef("product_id")
    ).values("sort_order")[:1]
    return rows.annotate(collection_order=Subquery(position))


def _in_collections(ids: list[int]) -> Q:
    members = models.CollectionProduct.objects.filter(collection_id__in=ids)
    return Q(product_id__in=members.values("product_id"))


def _restrict_q(restrict: dict[str, Any]) -> Q:
    """The parent's scope (a category tree, a collection, a seller) on the record."""
    found = Q()
    for key, value in restrict.items():
        if key == "collections":
            found &= _in_collections([value.pk])
        elif key == "seller":
            found &= Q(seller_id=value.pk)
        else:  # category_id__in, seller_id: the record's own columns
            found &= Q(**{key: value})
    return found


def _range(field: str, bounds: dict[str, Any]) -> Q:
    found = Q()
    if bounds.get("gte") is not None:
        found &= Q(**{f"{field}__gte": bounds["gte"]})
    if bounds.get("lte") is not None:
        found &= Q(**{f"{field}__lte": bounds["lte"]})
    return found


def filter_q(flt: dict[str, Any]) -> Q:
    """Saleor's `filter` (and our OCOP filters) on the record; `search` is applied apart."""
    found = Q()
    if flt.get("categories"):
        found &= Q(category_id__in=global_pks_of(flt["categories"], "Category"))
    if flt.get("collections"):
        found &= _in_collections(global_pks_of(flt["collections"], "Collection"))
    if flt.get("ids"):
        found &= Q(product_id__in=global_pks_of(flt["ids"], "Product"))
    if flt.get("slugs"):
        found &= Q(product__slug__in=flt["slugs"])
    if flt.get("has_category") is not None:
        found &= Q(category_id__isnull=not flt["has_category"])
    for attribute in flt.get("attributes") or []:
        found &= attribute_q(attribute, "product_id")
    if flt.get("stars"):
        found &= Q(stars__gte=flt["stars"].get("gte") or 0, stars__lte=flt["stars"].get("lte") or 5)
    if flt.get("provinces"):
        codes = Province.objects.filter(code__in=flt["provinces"]).values("pk")
        if len(flt["provinces"]) == 1:
            # One province: `= (SELECT ...)`, a value the planner can seek in the
            # (channel, province, price) index, rather than a semi-join it cannot.
            found &= Q(province_id=Subquery(codes[:1]))
        else:
            found &= Q(province_id__in=codes)
    if flt.get("sellers"):
        found &= Q(seller_id__in=Seller.objects.filter(slug__in=flt["sellers"]).values("pk"))
    price = flt.get("price") or flt.get("minimal_price")
    if price:
        found &= _range("min_price", price)
    return found


def where_q(where: dict[str, Any]) -> Q:
    """Saleor's `where` on the record, AND/OR included."""
    found = Q()
    for key, expr in where.items():
        if key == "AND":
            for part in expr:
                found &= where_q(part)
        elif key == "OR":
            either = Q(pk__in=[])
            for part in expr:
                either |= where_q(part)
            found &= either
        elif key in ("name", "slug") and expr:
            column = "name" if key == "name" else "product__slug"
            if expr.get("eq") is not None:
                found &= Q(**{column: expr["eq"]})
            if expr.get("one_of"):
                found &= Q(**{f"{column}__in": expr["one_of"]})
        elif key in ("category", "collection", "product_type") and expr:
            type_name = {"category": "Category", "collection": "Collection"}.get(key, "ProductType")
            pks = global_pks_of(
                [expr["eq"]] if expr.get("eq") else expr.get("one_of") or [], type_name
            )
            found &= _in_collections(pks) if key == "collection" else Q(**{f"{key}_id__in": pks})
        elif key == "ids" and expr:
            found &= Q(product_id__in=global_pks_of(expr, "Product"))
        elif key in ("price", "minimal_price") and expr:
            if expr.get("eq") is not None:
                found &= Q(min_price=expr["eq"])
            if expr.get("one_of"):
                found &= Q(min_price__in=expr["one_of"])
            found &= _range("min_price", expr.get("range") or {})
        elif key == "has_category" and expr is not None:
            found &= Q(category_id__isnull=not expr)
    return found


def narrowing_q(args: dict[str, Any], restrict: dict[str, Any] | None) -> Q:
    """What the arguments and the parent narrow the channel's record to (search apart);
    an empty Q when they select every listed product."""
    found = _restrict_q(restrict or {})
    if args.get("filter"):
        found &= filter_q(args["filter"])
    if args.get("where"):
        found &= where_q(args["where"])
    return found


def _search_text(args: dict[str, Any]) -> list[str]:
    texts = [args.get("search"), (args.get("filter") or {}).get("search")]
    return [t for t in texts if t]


def products_page(
    info: graphene.ResolveInfo,
    channel_slug: str | None,
    args: dict[str, Any],
    connection: type[CountableConnection],
    restrict: dict[str, Any] | None = None,
) -> CountableConnection:
    """A page of the products listed in the channel, as `connection`."""
    channel = resolve_channel(channel_slug)
    paths = selected_paths(info, ("edges", "node"))
    narrowed = narrowing_q(args, restrict)
    rows = listed_now(channel).filter(narrowed)
    sort = args.get("sort_by") or {}
    # graphene hands enum members; their str() is "EnumMeta.PRICE", their value "PRICE".
    field = str(getattr(sort.get("field"), "value", sort.get("field")) or "")
    descending = str(getattr(sort.get("direction"), "value", sort.get("direction"))) == "DESC"
    texts = _search_text(args)
    matched: QuerySet[models.Product] | None = None
    preloaded: list[models.Product] | None = None
    if texts:
        matched = models.Product.objects.filter(pk__in=rows.values("product_id"))
        for text in texts:
            matched = search_products(matched, text)
    if matched is not None and field in ("", "RANK"):
        # The search's own order: (search_rank, id) over the matches (lower rank is better).
        keyset = Keyset(("search_rank", "pk"), descending=descending)
        page = keyset_page(matched.only("pk"), keyset, args, name="products")
        ids = [row.pk for row in page.rows]
        counted: QuerySet[Any] = matched
    else:
        if matched is not None:
            rows = rows.filter(product_id__in=matched.values("pk"))
        key = SORT_KEYS.get(field or "NAME", "name")
        # The page's products (and the relations the query selects) in the page's own
        # statement: the join runs for the page's rows only, after the index range scan.
        related = ["product", *(f"product__{name}" for name in relation_names(paths))]
        page_rows = rows.select_related(*related)
        collection = (restrict or {}).get("collections")
        if field == "COLLECTION" and collection is not None:
            key, page_rows = "collection_order", _collection_order(page_rows, collection)
            page_rows = page_rows.only("product")
        else:
            page_rows = page_rows.only(key, "product")
        keyset = Keyset((key, "product_id"), descending=descending)
        page = keyset_page(page_rows, keyset, args, name="products")
        ids = [row.product_id for row in page.rows]
        counted = rows
        preloaded = [row.product for row in page.rows]
    loaded = (
        {p.pk: p for p in preloaded}
        if preloaded is not None
        else {p.pk: p for p in with_relations(models.Product.objects.filter(pk__in=ids), paths)}
    )
    products = [loaded[pk] for pk in ids if pk in loaded]
    nodes = prepare_products(products, channel, paths)
    cursors = [c for pk, c in zip(ids, page.cursors, strict=True) if pk in loaded]
    edge_type = connection.Edge
    edges = [edge_type(node=node, cursor=c) for node, c in zip(nodes, cursors, strict=True)]
    wants_total = "totalCount" in selected_paths(info)
    return connection(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            start_cursor=page.start_cursor,
            end_cursor=page.end_cursor,
            has_previous_page=page.has_previous_page,
            has_next_page=page.has_next_page,
        ),
        total_count=_total(channel, counted, whole=not narrowed and not texts)
        if wants_total
        else None,
    )


def _total(channel: models.Channel, counted: QuerySet[Any], *, whole: bool) -> int:
    """`totalCount`: the channel's kept count when nothing narrows the list (constant
    time), else an exact `COUNT(*)` of the rows that pass (see the module docstring)."""
    return listed_count(channel) if whole else counted.order_by().count()
