"""The listing rule as indexed state: one row per product and channel listable now.

`catalog.listed.refresh_listed` computes these rows from the rule itself
(`catalog.listing.listable_products`), in the transaction of every change that can move a
product in or out of a list; lists, counts and facets read this narrow table through its
`(channel, sort key, product)` indexes instead of evaluating the rule per product.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

# The sort keys lists page through by keyset: (channel, key, product) indexes.
SORT_KEYS = (
    "name",
    "min_price",
    "stars",
    "rating",
    "popularity",
    "published_at",
    "created_at",
    "updated_at",
)

# The columns lists filter and facet on, kept in the counting index.
COUNTED = (
    "stars",
    "min_price",
    "province_id",
    "category_id",
    "seller_id",
    "seller_kind",
    "in_stock",
)


class ListedProduct(models.Model):
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.CASCADE,
        related_name="listed_rows",
        db_index=False,  # the unique (product, channel) index serves it
    )
    # Every index below starts with the channel: no index of its own.
    channel = models.ForeignKey(
        "catalog.Channel", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    seller = models.ForeignKey(
        "sellers.Seller",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,  # in the counting index
    )
    seller_kind = models.CharField(max_length=3)
    province = models.ForeignKey(
        "places.Province",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,  # in the counting index
    )
    category = models.ForeignKey(
        "catalog.Category",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,  # in the counting index
    )
    product_type = models.ForeignKey(
        "catalog.ProductType",
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    name = models.CharField(max_length=250)
    min_price = models.BigIntegerField()
    stars = models.PositiveSmallIntegerField()
    # The last day a valid certificate covers: lists also test it against today, so a
    # certificate lapsing at midnight leaves every list before the daily job runs. (The
    # record never holds a product before its publication time: the minute job adds it.)
    certified_until = models.DateField()
    in_stock = models.BooleanField()
    # 0 when nobody rated it yet (a keyset needs a non-null key; 0 sorts as "worst").
    rating = models.FloatField()
    popularity = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # A copy of the product's search document (`Product.search_vector`), so a search
    # finds, ranks and counts its matches from this table alone, without a probe of the
    # product per match. Kept by triggers in the database (migration 0012): whatever
    # writes a row, or changes a product's document, the copy follows in that statement.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("product", "channel"), name="listed_product_unique")
        ]
        indexes = [
            models.Index(fields=("channel", key, "product"), name=f"listed_{key[:12]}")
            for key in SORT_KEYS
        ] + [
            # Counts and facets: an index-only scan holding every filtered column, so a
            # count reads the index (about 40 bytes a row), never the table.
            models.Index(
                fields=("channel", "certified_until"),
                include=COUNTED,
                name="listed_count",
            ),
            # A province's list (the OCOP filter): its count is an index-only range scan of
            # the province's rows, not of the whole channel, and its price order a range
            # scan read in order, so both cost the same at any catalogue size.
            models.Index(
                fields=("channel", "province", "min_price", "product"),
                include=("stars", "certified_until"),
                name="listed_province",
            ),
            GinIndex(fields=["search_vector"], name="listed_search_vector"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}@{self.channel_id}"


class ListedCount(models.Model):
    """The kept number of record rows per channel, as of the last fold: the unfiltered
    `totalCount` is this plus the channel's pending `ListedCountDelta` rows (minus rows
    whose certificate lapsed since the daily refresh), read in one statement, so it costs
    the same at any catalogue size (`catalog.listed_count`)."""

    channel = models.OneToOneField(
        "catalog.Channel",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,  # a deleted channel's row is harmless, never read
    )
    total = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.channel_id}: {self.total}"


class ListedCountDelta(models.Model):
    """A change in a channel's number of record rows, inserted by the statement that made
    it (`refresh_listed`'s upsert and delete, a cascade). Inserts never wait on each other,
    so concurrent catalogue writes do not queue behind one counter row; the minute job
    folds the rows into `ListedCount`."""

    channel = models.ForeignKey(
        "catalog.Channel",
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,  # written while a channel's rows cascade away
    )
    delta = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.channel_id}: {self.delta:+d}"
