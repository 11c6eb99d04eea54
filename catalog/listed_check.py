"""Does the listing record (`ListedProduct`) say what the listing rule says?

Compares, per channel, the rows `catalog.listed.listed_rows` computes from the rule now
with the stored rows, both ways, in SQL (`EXCEPT`): a product missing from the record, one
the record still lists, or one whose sort/filter fields differ. `ocop doctor` runs it on
the real data; the tests run it after certificates lapse, sellers are suspended and prices
change. It also compares the kept count (`catalog.listed_count`, what the unfiltered
`totalCount` says) with the record's `COUNT(*)`, and each row's copy of the product's
search document (kept by triggers) with the product's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from catalog.listed import _SOURCES, listed_now, listed_rows
from catalog.listed_count import listed_count
from catalog.models import Channel, ListedProduct, Product


@dataclass
class ListedMismatch:
    channel: str
    missing: list[int] = field(default_factory=list)  # listable, not in the record
    stale: list[int] = field(default_factory=list)  # in the record, not listable (or differs)
    # The kept count (`catalog.listed_count`) and the record's COUNT(*), when they differ.
    counted: tuple[int, int] | None = None
    # Rows whose copy of the search document differs from their product's.
    documents: list[int] = field(default_factory=list)


def check_listed(limit: int = 20) -> list[ListedMismatch]:
    """The channels whose record differs from the rule, with up to `limit` product ids
    each way, or whose kept count differs from the record's; an empty list when right."""
    table = ListedProduct._meta.db_table
    products = Product._meta.db_table
    columns = ", ".join(_SOURCES)
    found = []
    for channel in Channel.objects.order_by("pk"):
        rule_sql, rule_params = (
            listed_rows(channel).values(*_SOURCES.values()).query.sql_with_params()
        )
        rule = f"SELECT * FROM ({rule_sql}) AS r"
        record = f"SELECT {columns} FROM {table} WHERE channel_id = %s"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT a.product_ref FROM ({rule} EXCEPT {record}) AS a ORDER BY 1 LIMIT %s",
                [*rule_params, channel.pk, limit],
            )
            missing = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                f"SELECT b.product_id FROM ({record} EXCEPT {rule}) AS b ORDER BY 1 LIMIT %s",
                [channel.pk, *rule_params, limit],
            )
            stale = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                f"SELECT l.product_id FROM {table} AS l JOIN {products} AS p "
                "ON p.id = l.product_id WHERE l.channel_id = %s "
                "AND l.search_vector IS DISTINCT FROM p.search_vector ORDER BY 1 LIMIT %s",
                [channel.pk, limit],
            )
            documents = [row[0] for row in cursor.fetchall()]
        kept, rows = listed_count(channel), listed_now(channel).count()
        counted = (kept, rows) if kept != rows else None
        if missing or stale or counted or documents:
            found.append(
                ListedMismatch(
                    channel=channel.slug,
                    missing=missing,
                    stale=stale,
                    counted=counted,
                    documents=documents,
                )
            )
    return found
