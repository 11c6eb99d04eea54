"""Product search answered by PostgreSQL, with the same rules as Elasticsearch.

Used when ELASTICSEARCH_URL is not set (the embedded default) or Elasticsearch is down.
Products are matched through their stored, folded, weighted documents, copied onto the
listing record (catalog.ListedProduct) so the matches are read from it alone, and a GIN
index (search.pg_query: all words required, in name/group/origin before the description,
the last word a prefix; exact-accent name matches ranked first), and when nothing matches
the query words are corrected against the catalogue's vocabulary (search.pg_vocabulary).
Counts and facets are exact: one GROUPING SETS aggregate over the same indexed match
(search.pg_facets), in the statement that picks the leading matches (search.pg_rank).
"""

from __future__ import annotations

import datetime
from operator import itemgetter
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Value

from catalog.listed import listed_now
from catalog.listing import listable_products
from catalog.models import Category, Channel, Product
from core.keyset import Order, beyond, order_by
from places.models import LegacyProvince, Province
from search.attribute_filters import material_q, net_content_q
from search.params import (
    MAX_WINDOW,
    PG_AFTER,
    FacetValue,
    Hit,
    SearchFilters,
    SearchParams,
    SearchResult,
    SortField,
    Suggestion,
)
from search.pg_facets import count_and_facets, facets_of, price_q
from search.pg_query import (
    Attempt,
    attempts,
    folded_regex,
    match_words,
    order_by_ids,
    rank_queryset,
    search_query,
)
from search.pg_rank import Leading, leading_page, rank_leading, rank_matches, ranked_page
from search.query import query_words
from search.text import highlight

# Public names other modules import from here (the GraphQL lookups, the service).
__all__ = ["order_by_ids", "rank_queryset", "search", "suggest"]


# --- Filters, sorting, facets.


def _category_tree(ids: tuple[int, ...]) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    tree, frontier = set(ids), list(ids)
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in tree:
                tree.add(child)
                frontier.append(child)
    return tree


def filter_qs(filters: SearchFilters) -> dict[str, Q]:
    """The facet filters, on the listing record's columns (catalog.ListedProduct)."""
    clauses: dict[str, Q] = {}
    if filters.category_ids:
        clauses["categories"] = Q(category_id__in=_category_tree(filters.category_ids))
    if filters.province_codes:
        codes = Province.objects.filter(code__in=filters.province_codes).values("pk")
        clauses["provinces"] = Q(province_id__in=codes)
    if filters.stars:
        clauses["stars"] = Q(stars__in=filters.stars)
    if filters.price_gte is not None or filters.price_lte is not None:
        clauses["price_ranges"] = price_q(filters.price_gte, filters.price_lte)
    if filters.seller_kinds:
        clauses["seller_kinds"] = Q(seller_kind__in=filters.seller_kinds)
    if filters.in_stock is not None:
        clauses["in_stock"] = Q(in_stock=filters.in_stock)
    if filters.materials:
        clauses["materials"] = material_q(filters.materials, "product_id")
    if filters.net_content.active:
        clauses["net_content"] = net_content_q(filters.net_content, "product_id")
    return clauses


def scope_q(filters: SearchFilters) -> Q:
    """The page's scope (a seller, a set of products): narrows the matches, not a facet."""
    scope = Q()
    if filters.seller_ids:
        scope &= Q(seller_id__in=filters.seller_ids)
    if filters.product_ids is not None:
        scope &= Q(product_id__in=filters.product_ids)
    return scope


# The record's column each sort pages on (with the product id), by its index.
SORT_COLUMNS = {
    SortField.PRICE: "min_price",
    SortField.NEWEST: "created_at",
    SortField.STARS: "stars",
    SortField.RATING: "rating",
    SortField.RELEVANCE: "popularity",  # without query words: the most popular first
}


def _order(params: SearchParams, ranked: bool) -> Order:
    """The page's order, as (field, descending) pairs ending with the unique id."""
    descending = params.is_descending
    if ranked:  # on the products: rank (lower is better), then popularity, then id
        return (("search_rank", not descending), ("popularity", descending), ("pk", False))
    return ((SORT_COLUMNS[params.sort], descending), ("product_id", descending))


def _position(values: tuple[Any, ...] | None, order: Order) -> list[Any] | None:
    """A keyset position of ours for this order (`PG_AFTER`, then a value per column)."""
    if values is None or len(values) != len(order) + 1 or values[0] != PG_AFTER:
        return None
    return list(values[1:])


def _first_leading(
    matched: QuerySet[Any],
    clauses: dict[str, Q],
    accented: str,
    words: list[str],
    order: Order,
    params: SearchParams,
) -> tuple[Leading, QuerySet[Any], Attempt]:
    """(leading, tried, attempt): the leading matches (search.pg_rank.rank_leading) of the
    first try that has any (the tries of search.pg_query.TRIES, then the same for the
    words corrected against the vocabulary), with its matches (`tried`); the loosest
    try's (none) when nothing matches. Each try's own statement tells whether it matched:
    no EXISTS before it."""
    for attempt in attempts(accented, words):
        query = search_query(attempt.words, weights=attempt.weights, prefix=attempt.prefix)
        tried = matched.filter(search_vector=query)
        leading = rank_leading(
            tried,
            clauses,
            attempt.accented,
            attempt.words,
            order,
            facets=params.with_facets,
            with_materials=params.with_materials,
        )
        if leading.matches:
            break
    return leading, tried, attempt


def search(params: SearchParams) -> SearchResult:
    """Matches, count and facets from the listing record (catalog.ListedProduct), the
    query words matched on its copies of the products' documents (its own GIN index);
    the page by keyset on the order's columns when the request continues a page of ours
    (`search_after`) or goes back from one (`search_before`: the reversed keyset,
    reversed back here), by offset otherwise (the first page)."""
    accented, words = query_words(params.query)
    channel = params.channel
    matched = listed_now(channel).filter(scope_q(params.filters))
    clauses = filter_qs(params.filters)
    fuzzy = False
    order = _order(params, bool(words))
    after = _position(params.search_after, order)
    before = _position(params.search_before, order) if after is None else None
    offset = (
        0
        if after is not None or before is not None
        else max(min(params.offset, MAX_WINDOW - params.limit), 0)
    )
    # How many hits come before the page (SearchResult.before_count): unknown after a
    # position unless asked for (with_before_count); a page before one counts them (below).
    before_count: int | None = None if after is not None else offset
    rows: list[tuple[Any, ...]]
    facets: dict[str, list[FacetValue]] = {}
    if words:
        # The matches are counted, faceted and their leading candidates ranked in SQL
        # (rank_leading); every match is read into Python only for a page beyond those.
        leading, tried, attempt = _first_leading(matched, clauses, accented, words, order, params)
        accented, words, fuzzy = attempt.accented, attempt.words, attempt.fuzzy
        total = leading.total
        served = leading_page(leading, order, after, before, offset, params.limit)
        if served is None:
            ranked = rank_matches(tried, clauses, accented, words, order)
            served = ranked_page(ranked, order, after, before, offset, params.limit)
        rows, counted = served
        if before is not None or params.with_before_count:
            before_count = counted
        if params.with_facets:
            facets = facets_of(leading.grouped, params.filters, leading.materials)
    else:
        page_rows = matched.filter(*clauses.values())
        if params.with_facets:  # the total comes with the facets' statement
            total, facets = count_and_facets(
                matched, clauses, params.filters, with_materials=params.with_materials
            )
        else:
            total = page_rows.order_by().count()
        fields = [field for field, _ in order]
        if before is not None:
            rows, before_count = _rows_before(page_rows, order, fields, before, params.limit)
        else:
            page_qs: QuerySet[Any] = page_rows
            if after is not None and params.with_before_count:
                rows, before_count = _rows_after(page_rows, order, fields, after, params.limit)
            else:
                if after is not None:
                    page_qs = page_qs.filter(beyond(order, after))
                rows = list(
                    page_qs.order_by(*order_by(order)).values_list(*fields)[
                        offset : offset + params.limit
                    ]
                )
    ids = [row[-1] for row in rows]
    texts = dict.fromkeys(ids, ("", ""))
    if params.with_highlights and words:
        for pk, name, description in Product.objects.filter(pk__in=ids).values_list(
            "pk", "name", "description"
        ):
            texts[pk] = (name, description)
    hits = []
    for pk in ids:
        snippets: dict[str, str] = {}
        if params.with_highlights and words:
            name, description = texts[pk]
            for field, text, window in (("name", name, None), ("description", description, 160)):
                snippet = highlight(text, words, window=window)
                if snippet:
                    snippets[field] = snippet
        hits.append(Hit(product_id=pk, highlights=snippets))
    return SearchResult(
        hits=hits,
        total=total,
        facets=facets,
        suggestions=suggest(params.query, channel) if params.with_suggestions and words else [],
        backend="postgres",
        fuzzy=fuzzy,
        after=(PG_AFTER, *_plain(rows[-1])) if rows and len(rows) == params.limit else None,
        before=(PG_AFTER, *_plain(rows[0])) if rows else None,
        before_count=before_count,
    )


def _rows_after(
    page_rows: QuerySet[Any], order: Order, fields: list[str], after: list[Any], limit: int
) -> tuple[list[tuple[Any, ...]], int]:
    """The `limit` rows after the keyset position `after`, and how many rows come before
    them (the one at `after`, as a rule still there, and those before it), up to `limit`
    + 1: one statement, the page and the reversed keyset from `after`, both read on the
    same index (UNION ALL)."""
    forward = (
        page_rows.filter(beyond(order, after))
        .annotate(backwards=Value(False))
        .order_by(*order_by(order))
        .values_list(*fields, "backwards")[:limit]
    )
    backward = (
        page_rows.filter(beyond(order, after, backwards=True))
        .annotate(backwards=Value(True))
        .order_by(*order_by(order, backwards=True))
        .values_list(*fields, "backwards")[:limit]
    )
    both = list(forward.union(backward, all=True))
    rows = [row[:-1] for row in both if not row[-1]]
    # A UNION ALL keeps no order by itself: the page is put in order here (a stable sort
    # per column, last first, so each column keeps its own direction; dates included).
    for n in reversed(range(len(order))):
        rows.sort(key=itemgetter(n), reverse=order[n][1])
    return rows, 1 + sum(1 for row in both if row[-1])


def _rows_before(
    page_rows: QuerySet[Any], order: Order, fields: list[str], before: list[Any], limit: int
) -> tuple[list[tuple[Any, ...]], int]:
    """The `limit` rows just before the keyset position `before`, in the page's order, and
    how many rows come before them, up to `limit` + 1 (so the page knows whether the page
    before it is the first): one statement reading the reversed order on the same index,
    `limit` rows and `limit` + 1 more. Fewer than `limit` before it (rows were removed
    since): the first page instead (one more statement, only then), so a page is never
    short at the start."""
    reversed_rows = list(
        page_rows.filter(beyond(order, before, backwards=True))
        .order_by(*order_by(order, backwards=True))
        .values_list(*fields)[: 2 * limit + 1]
    )
    if len(reversed_rows) < limit:
        return list(page_rows.order_by(*order_by(order)).values_list(*fields)[:limit]), 0
    return reversed_rows[:limit][::-1], len(reversed_rows) - limit


def _plain(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """Sort values as a signed cursor can carry them (dates as ISO text)."""
    return tuple(v.isoformat() if isinstance(v, datetime.date) else v for v in values)


def suggest(prefix: str, channel: Channel, size: int = 5) -> list[Suggestion]:
    _, words = query_words(prefix)
    if not words:
        return []
    pattern = folded_regex(words, prefix=True)
    # The index narrows to names holding every word (the last as a prefix); the regex
    # keeps the words' order, as the suggestion phrase does.
    products = (
        match_words(listable_products(channel), words, weights="A")
        .filter(name__iregex=pattern)
        .order_by("-popularity", "name", "pk")
        .values_list("pk", "name", "slug")[:size]
    )
    found = [
        Suggestion(text=name, kind="product", product_id=pk, slug=slug)
        for pk, name, slug in products
    ]
    listed = listable_products(channel).filter(origin_province=OuterRef("pk"))
    provinces = (
        Province.objects.filter(Exists(listed), name__iregex=pattern)
        .order_by("name")
        .values_list("code", "name")[:size]
    )
    seen = set()
    for code, name in provinces:
        seen.add(code)
        found.append(Suggestion(text=name, kind="province", province_code=code))
    legacy_listed = listable_products(channel).filter(origin_province=OuterRef("new_province"))
    legacy = (
        LegacyProvince.objects.filter(Exists(legacy_listed), name__iregex=pattern)
        .order_by("name")
        .values_list("name", "new_province__code", "new_province__name")[:size]
    )
    for legacy_name, code, name in legacy:
        if code not in seen:
            seen.add(code)
            found.append(
                Suggestion(text=name, kind="province", province_code=code, legacy_name=legacy_name)
            )
    return found
