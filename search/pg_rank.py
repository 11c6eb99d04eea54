"""The ranked page of a PostgreSQL search (`searchProducts`), with one pass over the matches.

One statement reads every match's listing row with the index rank of its stored document
(ts_rank: the GIN index finds the matches, the rank reads the documents the index's
recheck reads anyway), its facet columns and whether it passes each facet filter. From
those rows, in Python: the exact total (no COUNT), the facets (search.pg_facets.count_rows:
no second pass), the leading `CANDIDATES` by index rank, which one more statement ranks by
the exact-accent tiers (regexes on 200 names at most, whatever the number of matches), and
the page, by offset or after a keyset position. The matches are found once per request.

The order is the one `search.pg_query.with_rank` gives `products(search: …)`: the
candidates by tier rank, then every other match by `_UNTIERED` − index rank; ties by
popularity (most popular first), then id.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from catalog.models import ListedProduct, Product
from core.keyset import Order
from search import pg_query

# The listing row's columns the facets count (search.pg_facets.count_rows reads them).
FACET_COLUMNS = ("category_id", "province__code", "stars", "seller_kind", "in_stock", "min_price")


@dataclass
class Ranked:
    """Every match that passes the filters as (search_rank, popularity, product id), in
    the page's order; and every match's facet columns with, per filter, whether it passes
    (the facets count each filter's matches without it)."""

    rows: list[tuple[float, int, int]]
    facet_rows: list[tuple[Any, ...]]


def rank_matches(
    matched: QuerySet[ListedProduct],
    clauses: dict[str, Q],
    accented: str,
    words: list[str],
    order: Order,
) -> Ranked:
    """The matches (`matched`: listing rows whose product matched the words) that pass
    `clauses`, ranked in `order` ((search_rank, popularity, pk) with their directions).
    Two statements: every match with its index rank, then the candidates' tiers."""
    flags = {
        f"passes_{name}": ExpressionWrapper(clause, output_field=BooleanField())
        for name, clause in clauses.items()
    }
    query = (
        matched.order_by()
        .annotate(index_rank=pg_query.index_rank(words, vector="product__search_vector"), **flags)
        .values_list("index_rank", "popularity", "product_id", *FACET_COLUMNS, *flags)
        .query
    )
    # Read by the cursor: thousands of plain rows, no per-row work of the ORM's.
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        scored = cursor.fetchall()
    start = 3 + len(FACET_COLUMNS)
    kept = [(row[0], row[1], row[2]) for row in scored if all(row[start:])]
    best = heapq.nsmallest(pg_query.CANDIDATES, kept, key=lambda row: (-row[0], -row[1], row[2]))
    leading = [pk for _rank, _popularity, pk in best]
    tiered = dict(
        Product.objects.filter(pk__in=leading)
        .annotate(index_rank=pg_query.index_rank(words))
        .annotate(search_rank=pg_query.tier_rank(accented, words))
        .values_list("pk", "search_rank")
    )
    rows = [
        (
            float(tiered[pk]) if pk in tiered else pg_query.UNTIERED - float(rank),
            popularity,
            pk,
        )
        for rank, popularity, pk in kept
    ]
    rows.sort(key=key_function(order))
    return Ranked(rows=rows, facet_rows=[row[2:] for row in scored])


def key_function(order: Order) -> Callable[[tuple[float, int, int]], tuple[float, int, int]]:
    """`sort_key` for rows of (search_rank, popularity, pk), without a loop per row."""
    (_, rank_down), (_, popularity_down), (_, pk_down) = order
    r, p, k = (-1 if rank_down else 1), (-1 if popularity_down else 1), (-1 if pk_down else 1)
    return lambda row: (r * row[0], p * row[1], k * row[2])


def sort_key(order: Order, values: tuple[Any, ...] | list[Any]) -> tuple[Any, ...]:
    """A key sorting rows of these (numeric) values in `order`."""
    pairs = zip(values, order, strict=True)
    return tuple(-v if descending else v for v, (_field, descending) in pairs)


def page(
    ranked: Ranked, order: Order, after: list[Any] | None, offset: int, limit: int
) -> tuple[list[tuple[float, int, int]], int]:
    """The page's rows: after the keyset position `after` if given, else from `offset`;
    and how many rows come before them (at most `limit` + 1, as `page_before` counts)."""
    rows = ranked.rows
    if after is not None:
        cursor = sort_key(order, after)
        start = next((n for n, row in enumerate(rows) if sort_key(order, row) > cursor), len(rows))
        return rows[start : start + limit], min(start, limit + 1)
    return rows[offset : offset + limit], offset


def page_before(
    ranked: Ranked, order: Order, before: list[Any], limit: int
) -> tuple[list[tuple[float, int, int]], int]:
    """The `limit` rows just before the keyset position `before`, in the page's order, and
    how many rows come before them (at most `limit` + 1, as PostgreSQL's and Elasticsearch's
    reversed reads tell). Fewer than `limit` before it (rows were removed since): the first
    page instead, so a page is never short at the start."""
    rows = ranked.rows
    cursor = sort_key(order, before)
    end = next((n for n, row in enumerate(rows) if sort_key(order, row) >= cursor), len(rows))
    if end < limit:
        return rows[:limit], 0
    return rows[end - limit : end], min(end - limit, limit + 1)
