"""Keeping `ListedProduct` (the listing rule as indexed state) equal to the rule.

`refresh_listed(product_ids)` recomputes the rows of those products in every channel with
two set-based statements per channel, whatever the number of products: an upsert of the
rows `catalog.listing.listable_products` yields (with their sort and filter fields, only
changed rows written) and a delete of the rows it no longer yields. The rule is compiled
into the statements, so the record can only say what the rule says.

Every `do_*` that can change the rule's answer calls it in its own transaction
(certificates, channel listings, prices, stock, products, ratings; seller status through
`sellers.signals.seller_listing_changed`); the daily job refreshes everything for what
time alone changes (a certificate lapsing at midnight, a publication date reached).
Lists additionally test `certified_until` against today, so a lapsed certificate never
shows in a list, even before that job (scheduled publications join within a minute,
`catalog.tasks.list_scheduled_publications`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from catalog.listing import listable_products, valid_certificates
from catalog.models import (
    Channel,
    ListedCountDelta,
    ListedProduct,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
)

# Columns the refresh writes, each an annotation of the same name on the rule's queryset.
COLUMNS = (
    "seller_id",
    "seller_kind",
    "province_id",
    "category_id",
    "product_type_id",
    "name",
    "min_price",
    "stars",
    "certified_until",
    "in_stock",
    "rating",
    "popularity",
    "published_at",
    "created_at",
    "updated_at",
)


def listed_rows(channel: Channel, product_ids: Iterable[int] | None = None) -> QuerySet[Any]:
    """The record's rows for `channel` as the rule computes them now: the listable
    products (of `product_ids`, or all) annotated with every column of `COLUMNS`."""
    qs = listable_products(channel)
    if product_ids is not None:
        qs = qs.filter(pk__in=list(product_ids))
    prices = ProductVariantChannelListing.objects.filter(
        variant__product=OuterRef("pk"), channel=channel, price_amount__gt=0
    )
    best = valid_certificates().filter(product=OuterRef("pk"))
    available = Stock.objects.filter(variant=OuterRef("pk"), quantity__gt=F("quantity_allocated"))
    buyable = ProductVariant.objects.filter(
        Q(track_inventory=False) | Q(Exists(available)),
        product=OuterRef("pk"),
        channel_listings__channel=channel,
    )
    published = ProductChannelListing.objects.filter(product=OuterRef("pk"), channel=channel)
    return qs.annotate(
        product_ref=F("pk"),
        channel_ref=Value(channel.pk),
        seller_ref=F("seller_id"),
        seller_kind=F("seller__kind"),
        province_ref=F("origin_province_id"),
        category_ref=F("category_id"),
        product_type_ref=F("product_type_id"),
        listed_name=F("name"),
        min_price=Subquery(prices.order_by("price_amount").values("price_amount")[:1]),
        stars=Subquery(best.order_by("-stars").values("stars")[:1]),
        certified_until=Subquery(best.order_by("-valid_until").values("valid_until")[:1]),
        in_stock=Exists(buyable, output_field=BooleanField()),
        listed_rating=Coalesce(F("rating"), Value(0.0)),
        listed_popularity=F("popularity"),
        published_at=Coalesce(Subquery(published.values("published_at")[:1]), F("created_at")),
        listed_created_at=F("created_at"),
        listed_updated_at=F("updated_at"),
    )


# The annotation holding each column (the model's own field names cannot be reused).
_SOURCES = {
    "product_id": "product_ref",
    "channel_id": "channel_ref",
    "seller_id": "seller_ref",
    "seller_kind": "seller_kind",
    "province_id": "province_ref",
    "category_id": "category_ref",
    "product_type_id": "product_type_ref",
    "name": "listed_name",
    "min_price": "min_price",
    "stars": "stars",
    "certified_until": "certified_until",
    "in_stock": "in_stock",
    "rating": "listed_rating",
    "popularity": "listed_popularity",
    "published_at": "published_at",
    "created_at": "listed_created_at",
    "updated_at": "listed_updated_at",
}


def _refresh_channel(channel: Channel, product_ids: list[int] | None) -> tuple[int, int]:
    table = ListedProduct._meta.db_table
    rows = listed_rows(channel, product_ids)
    select_sql, select_params = rows.values(*_SOURCES.values()).query.sql_with_params()
    columns = ", ".join(_SOURCES)
    sources = ", ".join(f"r.{source}" for source in _SOURCES.values())
    changed = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS)
    old = ", ".join(f"{table}.{c}" for c in COLUMNS)
    new = ", ".join(f"EXCLUDED.{c}" for c in COLUMNS)
    keep_sql, keep_params = (
        listable_products(channel)
        .filter(**({"pk__in": product_ids} if product_ids is not None else {}))
        .values("pk")
        .query.sql_with_params()
    )
    scope_sql, scope_params = (
        ("AND product_id = ANY(%s)", [product_ids]) if product_ids else ("", [])
    )
    deltas = ListedCountDelta._meta.db_table
    # Each statement also records how many rows it added or removed, as one delta row
    # (`catalog.listed_count`): in the same statement, so no extra round trip, and the
    # count can never disagree with the rows. `xmax = 0` tells an inserted row from an
    # updated one in an upsert's RETURNING.
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH written AS (INSERT INTO {table} ({columns}) "
            f"SELECT {sources} FROM ({select_sql}) AS r "
            f"ON CONFLICT (product_id, channel_id) DO UPDATE SET {changed} "
            f"WHERE ({old}) IS DISTINCT FROM ({new}) RETURNING (xmax = 0) AS added), "
            f"counted AS (INSERT INTO {deltas} (channel_id, delta) "
            f"SELECT %s, count(*) FROM written WHERE added HAVING count(*) > 0 RETURNING 1) "
            f"SELECT count(*) FROM written",
            [*select_params, channel.pk],
        )
        written = cursor.fetchone()[0]
        cursor.execute(
            f"WITH gone AS (DELETE FROM {table} WHERE channel_id = %s {scope_sql} "
            f"AND product_id NOT IN ({keep_sql}) RETURNING 1), "
            f"counted AS (INSERT INTO {deltas} (channel_id, delta) "
            f"SELECT %s, -count(*) FROM gone HAVING count(*) > 0 RETURNING 1) "
            f"SELECT count(*) FROM gone",
            [channel.pk, *scope_params, *keep_params, channel.pk],
        )
        removed = cursor.fetchone()[0]
    return written, removed


def refresh_listed(product_ids: Iterable[int | None] | None) -> int:
    """Recompute the record of these products (None: of every product) in every channel,
    in the caller's transaction. Returns the number of rows written or removed.

    Locks: none taken explicitly (the upsert and delete lock the record rows they write;
    the count's delta rows are new rows, never waited on)."""
    ids = None if product_ids is None else sorted({pk for pk in product_ids if pk is not None})
    if ids is not None and not ids:
        return 0
    total = 0
    for channel in Channel.objects.order_by("pk"):
        written, removed = _refresh_channel(channel, ids)
        total += written + removed
    return total


def listed_now(channel: Channel) -> QuerySet[ListedProduct]:
    """The record's rows listed in `channel` at this moment: the refreshed rows, less any
    whose certificate lapsed since the last refresh (midnight passed). A row is only ever
    written once the product's publication time has come, so no publication test here."""
    return ListedProduct.objects.filter(channel=channel, certified_until__gte=timezone.localdate())


def resync_search_vectors() -> int:
    """Copy each product's search document onto its record rows where the copy differs;
    returns how many rows changed. The triggers of migration 0012 keep the copies in
    every write, so this only repairs rows written with triggers off (a restore with
    `session_replication_role = replica`)."""
    table, products = ListedProduct._meta.db_table, Product._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS l SET search_vector = p.search_vector FROM {products} AS p "
            "WHERE p.id = l.product_id AND l.search_vector IS DISTINCT FROM p.search_vector"
        )
        return cursor.rowcount
