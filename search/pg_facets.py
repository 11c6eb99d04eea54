"""The count and the facets of a PostgreSQL search, in one statement.

Each facet counts the matches that pass every OTHER facet's filter (choosing a province
still shows the other provinces' counts), as Elasticsearch's post_filter does. Instead of
one aggregate per facet, the matched rows of the listing record (catalog.ListedProduct)
carry one boolean per active filter, and a single `GROUPING SETS` aggregate counts every
facet's values with `COUNT(*) FILTER (WHERE <the other filters>)`; the grand-total set
also carries the exact total (every filter) and the price ranges. The materials facet,
read from the label facts, is one more statement over the matches' material facts only.
At 7,000 matches this reads the narrow record once, instead of seven times.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet

from catalog.models import Category, ListedProduct, Product
from search.attribute_filters import material_facet
from search.params import FACETS, PRICE_RANGES, FacetValue, SearchFilters
from search.pg_query import in_ids

# Facet → the record's column it groups on (provinces by their code).
COLUMNS = {
    "categories": "category_id",
    "provinces": "province_code",
    "stars": "stars",
    "seller_kinds": "seller_kind",
    "in_stock": "in_stock",
}


def _where(flags: list[str]) -> str:
    # Cast: Django writes a filter that can match nothing (`pk__in=[]`) as 0, not false.
    return " AND ".join(f'"{flag}"::boolean' for flag in flags) or "TRUE"


def count_and_facets(
    matched: QuerySet[ListedProduct],
    clauses: dict[str, Q],
    filters: SearchFilters,
) -> tuple[int, dict[str, list[FacetValue]]]:
    """(total, facets) of the matches: total passes every filter (`clauses`), each facet
    every filter but its own. Two statements (one for the materials facet)."""
    flags = {name: f"f_{name}" for name in clauses}
    rows = matched.order_by().annotate(
        province_code=F("province__code"),
        **{
            flag: ExpressionWrapper(clauses[name], output_field=BooleanField())
            for name, flag in flags.items()
        },
    )
    selected = rows.values(*COLUMNS.values(), "min_price", *flags.values())
    try:
        inner, params = selected.query.sql_with_params()
    except EmptyResultSet:  # a scope of no products (`product_ids=()`): nothing to count
        return 0, _with_materials(_facets([], filters), matched, clauses, filters)

    def others(name: str) -> str:
        return _where([flag for other, flag in flags.items() if other != name])

    prices = []
    for r in PRICE_RANGES:
        bounds = [others("price_ranges")]
        if r.gte is not None:
            bounds.append(f"min_price >= {int(r.gte)}")
        if r.lte is not None:
            bounds.append(f"min_price <= {int(r.lte)}")
        prices.append(f"COUNT(*) FILTER (WHERE {' AND '.join(bounds)})")
    columns = list(COLUMNS.values())
    sql = (
        f"SELECT GROUPING({', '.join(columns)}), {', '.join(columns)}, "
        f"COUNT(*) FILTER (WHERE {_where(list(flags.values()))}), "
        + ", ".join(f"COUNT(*) FILTER (WHERE {others(name)})" for name in COLUMNS)
        + ", "
        + ", ".join(prices)
        + f" FROM ({inner}) m GROUP BY GROUPING SETS ("
        + ", ".join(f"({c})" for c in columns)
        + ", ())"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        result = cursor.fetchall()
    return _read(result, filters), _with_materials(
        _facets(result, filters), matched, clauses, filters
    )


def _read(result: list[tuple[Any, ...]], filters: SearchFilters) -> int:
    everything = (1 << len(COLUMNS)) - 1
    for row in result:
        if row[0] == everything:
            return int(row[1 + len(COLUMNS)])
    return 0  # no matched row at all: the grand-total set still yields one row


def _facets(result: list[tuple[Any, ...]], filters: SearchFilters) -> dict[str, list[FacetValue]]:
    names = list(COLUMNS)
    first_count = 2 + len(names)  # after the grouping mask, the columns and the total
    selected = {
        "categories": {str(pk) for pk in filters.category_ids},
        "provinces": set(filters.province_codes),
        "stars": {str(s) for s in filters.stars},
        "seller_kinds": set(filters.seller_kinds),
        "in_stock": set() if filters.in_stock is None else {str(filters.in_stock).lower()},
    }
    counted: dict[str, list[tuple[Any, int]]] = {name: [] for name in names}
    everything = (1 << len(names)) - 1
    facets: dict[str, list[FacetValue]] = {}
    prices: tuple[Any, ...] = (0,) * len(PRICE_RANGES)
    for row in result:
        mask = row[0]
        if mask == everything:
            prices = row[first_count + len(names) :]
            continue
        # The grouped column is the one whose GROUPING bit is 0 (the first is the highest).
        position = next(i for i in range(len(names)) if not mask & (1 << (len(names) - 1 - i)))
        key, count = row[1 + position], int(row[first_count + position])
        if key is not None and count:
            counted[names[position]].append((key, count))
    counted["categories"] = _roll_up_categories(counted["categories"])
    for name in names:
        values = []
        for key, count in counted[name]:
            value = str(key).lower() if name == "in_stock" else str(key)
            values.append(FacetValue(value=value, count=count, selected=value in selected[name]))
        facets[name] = values
    facets["price_ranges"] = [
        FacetValue(
            value=r.key,
            count=int(prices[i] or 0),
            label=r.label,
            selected=filters.price_gte == r.gte and filters.price_lte == r.lte,
            gte=r.gte,
            lte=r.lte,
        )
        for i, r in enumerate(PRICE_RANGES)
    ]
    return facets


def count_rows(
    rows: list[tuple[Any, ...]], names: list[str], filters: SearchFilters
) -> dict[str, list[FacetValue]]:
    """The facets of matches already read (search.pg_rank.Ranked.facet_rows: product id,
    the facet columns of pg_rank.FACET_COLUMNS, then whether it passes each of `names`'
    filters), counted in Python: a match failing no filter counts in every facet, one
    failing a single filter only in that filter's facet, as the statement above counts.
    The materials facet is one statement over those matches' facts."""
    columns = list(COLUMNS)
    counters: dict[str, Counter[Any]] = {}
    if not names:  # no filter: every match counts in every facet (C-speed counting)
        counting: dict[str | None, list[tuple[Any, ...]]] = {None: rows}
    else:  # a match failing one filter counts in that filter's facet only
        counting = {None: []}
        for row in rows:
            failed = [name for name, ok in zip(names, row[7:], strict=True) if not ok]
            if len(failed) < 2:
                counting.setdefault(failed[0] if failed else None, []).append(row)
    for n, name in enumerate(columns):
        counters[name] = Counter(row[1 + n] for row in counting[None])
        counters[name].update(row[1 + n] for row in counting.get(name, []))
    priced = Counter(row[6] for row in counting[None] + counting.get("price_ranges", []))
    prices = [
        sum(
            count
            for price, count in priced.items()
            if (r.gte is None or price >= r.gte) and (r.lte is None or price <= r.lte)
        )
        for r in PRICE_RANGES
    ]
    material_ids = [row[0] for row in counting[None] + counting.get("materials", [])]
    # The same shape as the statement's rows: (mask, columns..., total, counts..., prices...)
    everything = (1 << len(columns)) - 1
    width = len(columns)
    result: list[tuple[Any, ...]] = [(everything, *[None] * width, 0, *[0] * width, *prices)]
    for n, name in enumerate(columns):
        mask = everything & ~(1 << (width - 1 - n))
        for key, count in counters[name].items():
            keys = [None] * width
            keys[n] = key
            counts = [0] * width
            counts[n] = count
            result.append((mask, *keys, 0, *counts, *[0] * len(PRICE_RANGES)))
    facets = _facets(result, filters)
    # By the products' primary key: the planner starts from the few material facts.
    materials = Product.objects.filter(in_ids("pk", material_ids))
    facets["materials"] = material_facet(materials, filters.materials, "pk")
    return {name: facets[name] for name in FACETS}


def _with_materials(
    facets: dict[str, list[FacetValue]],
    matched: QuerySet[ListedProduct],
    clauses: dict[str, Q],
    filters: SearchFilters,
) -> dict[str, list[FacetValue]]:
    others = [q for name, q in clauses.items() if name != "materials"]
    facets["materials"] = material_facet(
        matched.filter(*others).order_by(), filters.materials, "product_id"
    )
    return {name: facets[name] for name in FACETS}


def _roll_up_categories(rows: list[tuple[Any, int]]) -> list[tuple[Any, int]]:
    """Count each product under its category and every ancestor, like the index does."""
    if not rows:
        return rows
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    totals: dict[int, int] = {}
    for category_id, count in rows:
        seen: set[int] = set()
        current = category_id
        while current is not None and current not in seen:
            seen.add(current)
            totals[current] = totals.get(current, 0) + count
            current = parents.get(current)
    return list(totals.items())
