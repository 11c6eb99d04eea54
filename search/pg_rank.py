"""The ranked page of a PostgreSQL search (`searchProducts`), counted and ranked in SQL.

One statement reads every match's listing row once (a materialised CTE, with the index
rank of its stored document: ts_rank, from the row the GIN index's recheck reads anyway)
and answers from it, in the database: the facets' aggregate with the exact total
(search.pg_facets.grouping_select) and the leading `CANDIDATES` passing the filters by
index rank, ranked by the exact-accent tiers on their record rows (regexes on 200 names
at most, whatever the number of matches). A page among the candidates, nearly
every page a shopper opens, is served from them: about 200 rows come back, not every
match (7,360 for "mat ong" at 100,000 products). A page beyond them ranks every match
(`rank_matches`).

The order is the one `search.pg_query.with_rank` gives `products(search: …)`: the
candidates by tier rank, then every other match by `UNTIERED` − index rank; ties by
popularity (most popular first), then id. Every candidate comes before every other match.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from catalog.models import ListedProduct, Product
from core.keyset import Order
from search import pg_facets, pg_query
from search.attribute_filters import material_choices

Row = tuple[float, int, int]  # (search_rank, popularity, product id)


@dataclass
class Ranked:
    """Matches that pass the filters as (search_rank, popularity, product id), in the
    page's order."""

    rows: list[Row]


@dataclass
class Leading:
    """A search's leading matches, counted and ranked in SQL (`rank_leading`)."""

    # Every match's count, whatever the filters (0: this try matches nothing).
    matches: int
    # How many matches pass the filters.
    total: int
    # The known materials (slug, name) whose counts ride in `grouped` (pg_facets.facets_of);
    # None when not counted (without facets, or without the materials facet).
    materials: list[tuple[str, str]] | None
    # The facets' aggregate (search.pg_facets.grouping_select) over every match.
    grouped: list[tuple[Any, ...]]
    # The best `CANDIDATES` matches passing the filters, by index rank, in the order
    # (search_rank from the exact-accent tiers, popularity, pk): when they are every
    # match passing the filters (`complete`), the whole ranking.
    ranked: Ranked

    @property
    def complete(self) -> bool:
        return len(self.ranked.rows) == self.total


def rank_leading(
    matched: QuerySet[ListedProduct],
    clauses: dict[str, Q],
    accented: str,
    words: list[str],
    order: Order,
    *,
    facets: bool = True,
    with_materials: bool = True,
) -> Leading:
    """The matches (`matched`) counted and their leading candidates ranked, without
    reading the matches into Python: one statement reads every match once (a
    materialised CTE) for the facets' aggregate and the best `CANDIDATES` passing
    `clauses` by index rank, ranked by the exact-accent tiers (without `facets`: the
    two counts only; without `with_materials`: no materials facet). A page among the
    candidates (the first `CANDIDATES` hits: nearly every page a shopper opens) is
    served from them; `rank_matches` ranks every match for a page beyond them."""
    inner = pg_facets.facet_rows(
        matched.annotate(index_rank=pg_query.index_rank(words)),
        clauses,
        "index_rank",
        "popularity",
        "product_id",
        "id",
    )
    try:
        inner_sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # a scope of no products (`product_ids=()`): nothing matches
        return Leading(matches=0, total=0, materials=None, grouped=[], ranked=Ranked(rows=[]))
    # The best candidates by index rank (`best`), ranked by the exact-accent tiers on
    # their record rows (the regexes read 200 names at most).
    tiers = _with_tiers(
        ListedProduct.objects.filter(pk__in=RawSQL("SELECT id FROM best", ())), accented, words
    ).values_list("product_id", "search_rank", "popularity")
    tier_sql, tier_params = tiers.query.sql_with_params()
    # The materials facet's counts too, from the material facts of `m`'s rows.
    materials = material_choices() if facets and with_materials else None
    material_sql, material_params = (
        pg_facets.material_rows(materials, list(clauses)) if materials else ("", [])
    )
    # The candidates ride in the aggregate's columns (NULL mask: a candidate row), so one
    # statement answers both; the CTE is materialised, so the matches are read once.
    sql = (
        f"WITH m AS MATERIALIZED ({inner_sql}), "
        f"best AS (SELECT id FROM m WHERE {pg_facets.passing(list(clauses))}"
        " ORDER BY index_rank DESC, popularity DESC, product_id"
        f" LIMIT {pg_query.CANDIDATES}) "
        + pg_facets.grouping_select(list(clauses), facets=facets)
        + " UNION ALL SELECT NULL, "
        + ", ".join(["NULL"] * (pg_facets.ROW_WIDTH - 4))
        + f", t.product_id, t.search_rank, t.popularity FROM ({tier_sql}) AS t"
        + (f" UNION ALL {material_sql}" if material_sql else "")
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, *tier_params, *material_params))
        result = cursor.fetchall()
    grouped = [row for row in result if row[0] is not None]
    # A candidate's row ends with (product id, tiered rank, popularity).
    rows = [(float(r[-2]), r[-1], r[-3]) for r in result if r[0] is None]
    rows.sort(key=key_function(order))
    return Leading(
        matches=pg_facets.rows_of(grouped),
        total=pg_facets.total_of(grouped),
        materials=materials,
        grouped=grouped,
        ranked=Ranked(rows=rows),
    )


def _tiered(leading: list[int], accented: str, words: list[str]) -> dict[int, float]:
    """search_rank of the leading candidates, by the exact-accent tiers (one statement)."""
    if not leading:
        return {}
    tiered = _with_tiers(Product.objects.filter(pk__in=leading), accented, words)
    return {pk: float(rank) for pk, rank in tiered.values_list("pk", "search_rank")}


def _with_tiers(qs: QuerySet[Any], accented: str, words: list[str]) -> QuerySet[Any]:
    """`qs` (products or their record rows: both have the name and the document) with
    their `search_rank` by the exact-accent tiers."""
    return qs.annotate(index_rank=pg_query.index_rank(words)).annotate(
        search_rank=pg_query.tier_rank(accented, words)
    )


def rank_matches(
    matched: QuerySet[ListedProduct],
    clauses: dict[str, Q],
    accented: str,
    words: list[str],
    order: Order,
) -> Ranked:
    """Every match (`matched`: listing rows whose product matched the words) that passes
    `clauses`, ranked in `order` ((search_rank, popularity, pk) with their directions):
    for a page beyond the leading candidates. Two statements: every match with its index
    rank, then the candidates' tiers."""
    query = (
        matched.filter(*clauses.values())
        .order_by()
        .annotate(index_rank=pg_query.index_rank(words))
        .values_list("index_rank", "popularity", "product_id")
        .query
    )
    try:
        sql, params = query.sql_with_params()
    except EmptyResultSet:
        return Ranked(rows=[])
    # Read by the cursor: thousands of plain rows, no per-row work of the ORM's.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        kept = cursor.fetchall()
    best = heapq.nsmallest(pg_query.CANDIDATES, kept, key=lambda row: (-row[0], -row[1], row[2]))
    tiered = _tiered([pk for _rank, _popularity, pk in best], accented, words)
    rows = [
        (
            tiered[pk] if pk in tiered else pg_query.UNTIERED - float(rank),
            popularity,
            pk,
        )
        for rank, popularity, pk in kept
    ]
    rows.sort(key=key_function(order))
    return Ranked(rows=rows)


def key_function(order: Order) -> Callable[[Row], tuple[float, int, int]]:
    """`sort_key` for rows of (search_rank, popularity, pk), without a loop per row."""
    (_, rank_down), (_, popularity_down), (_, pk_down) = order
    r, p, k = (-1 if rank_down else 1), (-1 if popularity_down else 1), (-1 if pk_down else 1)
    return lambda row: (r * row[0], p * row[1], k * row[2])


def sort_key(order: Order, values: tuple[Any, ...] | list[Any]) -> tuple[Any, ...]:
    """A key sorting rows of these (numeric) values in `order`."""
    pairs = zip(values, order, strict=True)
    return tuple(-v if descending else v for v, (_field, descending) in pairs)


def _start_after(rows: list[Row], order: Order, after: list[Any]) -> int:
    """The index of the first row beyond the keyset position `after` (len: none)."""
    cursor = sort_key(order, after)
    return next((n for n, row in enumerate(rows) if sort_key(order, row) > cursor), len(rows))


def _end_before(rows: list[Row], order: Order, before: list[Any]) -> int:
    """The index of the first row at or beyond the keyset position `before` (len: none)."""
    cursor = sort_key(order, before)
    return next((n for n, row in enumerate(rows) if sort_key(order, row) >= cursor), len(rows))


def page(
    ranked: Ranked, order: Order, after: list[Any] | None, offset: int, limit: int
) -> tuple[list[Row], int]:
    """The page's rows: after the keyset position `after` if given, else from `offset`;
    and how many rows come before them (at most `limit` + 1, as `page_before` counts)."""
    rows = ranked.rows
    if after is not None:
        start = _start_after(rows, order, after)
        return rows[start : start + limit], min(start, limit + 1)
    return rows[offset : offset + limit], offset


def page_before(
    ranked: Ranked, order: Order, before: list[Any], limit: int
) -> tuple[list[Row], int]:
    """The `limit` rows just before the keyset position `before`, in the page's order, and
    how many rows come before them (at most `limit` + 1, as PostgreSQL's and Elasticsearch's
    reversed reads tell). Fewer than `limit` before it (rows were removed since): the first
    page instead, so a page is never short at the start."""
    rows = ranked.rows
    end = _end_before(rows, order, before)
    if end < limit:
        return rows[:limit], 0
    return rows[end - limit : end], min(end - limit, limit + 1)


def ranked_page(
    ranked: Ranked,
    order: Order,
    after: list[Any] | None,
    before: list[Any] | None,
    offset: int,
    limit: int,
) -> tuple[list[Row], int]:
    """The page of `ranked` just before `before`, after `after`, or from `offset`; and how
    many rows come before it (at most `limit` + 1)."""
    if before is not None:
        return page_before(ranked, order, before, limit)
    return page(ranked, order, after, offset, limit)


def leading_page(
    leading: Leading,
    order: Order,
    after: list[Any] | None,
    before: list[Any] | None,
    offset: int,
    limit: int,
) -> tuple[list[Row], int] | None:
    """`ranked_page` of the leading candidates, or None when the page needs a match
    beyond them (every match must then be ranked: `rank_matches`)."""
    rows = leading.ranked.rows
    if not leading.complete:
        if order[0][1]:  # relevance reversed: the candidates come last, not first
            return None
        if before is not None:
            if _end_before(rows, order, before) == len(rows):
                return None
        else:
            start = offset if after is None else _start_after(rows, order, after)
            if start + limit > len(rows):
                return None
    return ranked_page(leading.ranked, order, after, before, offset, limit)
