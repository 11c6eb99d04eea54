"""Running product searches on Elasticsearch and reading their answers.

The request bodies (matching, ranking, filters, facets, sorting, positions) are built by
`search.query`; here they are sent, retried looser when they find nothing (own words, then
descriptions, then typo-tolerant), and their hits, facets and suggestions read back into
`search.params` results.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from elasticsearch import Elasticsearch

from core.text import fold
from search.params import (
    FACETS,
    PRICE_RANGES,
    FacetValue,
    Hit,
    SearchFilters,
    SearchParams,
    SearchResult,
    SortField,
    Suggestion,
)
from search.query import (
    SOURCE_FIELDS,
    query_words,
    ranked,
    search_body,
    sort_clause,
    suggest_body,
    text_query,
)
from search.text import reaccent


def _hit(raw: dict[str, Any]) -> Hit:
    source = raw.get("_source") or {}
    highlights: dict[str, str] = {}
    for field, original_field in (("name_folded", "name"), ("description_folded", "description")):
        fragments = (raw.get("highlight") or {}).get(field) or []
        if fragments and source.get(original_field):
            snippet = reaccent(fragments[0], source[original_field])
            if snippet is not None:
                highlights[original_field] = snippet
    return Hit(product_id=int(source["product_id"]), score=raw.get("_score"), highlights=highlights)


def _facets(response: dict[str, Any], filters: SearchFilters) -> dict[str, list[FacetValue]]:
    selected: dict[str, set[str]] = {
        "categories": {str(pk) for pk in filters.category_ids},
        "provinces": set(filters.province_codes),
        "stars": {str(s) for s in filters.stars},
        "seller_kinds": set(filters.seller_kinds),
        "in_stock": set() if filters.in_stock is None else {str(filters.in_stock).lower()},
        "materials": set(filters.materials),
    }
    facets: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        if name not in response["aggregations"]:  # not asked for (`with_materials`)
            facets[name] = []
            continue
        buckets = response["aggregations"][name]["values"]["buckets"]
        if name == "price_ranges":
            facets[name] = [
                FacetValue(
                    value=price_range.key,
                    count=int(bucket["doc_count"]),
                    label=price_range.label,
                    selected=filters.price_gte == price_range.gte
                    and filters.price_lte == price_range.lte,
                    gte=price_range.gte,
                    lte=price_range.lte,
                )
                for price_range, bucket in zip(PRICE_RANGES, buckets, strict=True)
            ]
            continue
        values = []
        for bucket in buckets:
            key = bucket.get("key_as_string", bucket["key"])
            value = str(key).lower() if name == "in_stock" else str(key)
            values.append(
                FacetValue(
                    value=value,
                    count=int(bucket["doc_count"]),
                    selected=value in selected[name],
                )
            )
        facets[name] = values
    return facets


def _suggestions(response: dict[str, Any]) -> list[Suggestion]:
    suggest = response.get("suggest") or {}
    found: list[Suggestion] = []
    for option in (suggest.get("products") or [{}])[0].get("options", []):
        source = option.get("_source") or {}
        found.append(
            Suggestion(
                text=source.get("name", option["text"]),
                kind="product",
                product_id=source.get("product_id"),
                slug=source.get("slug"),
            )
        )
    seen: set[str] = set()
    for option in (suggest.get("provinces") or [{}])[0].get("options", []):
        province = (option.get("_source") or {}).get("province") or {}
        code = province.get("code")
        if not code or code in seen:
            continue
        seen.add(code)
        matched = option["text"]
        legacy = next(
            (
                name.strip()
                for name in str(province.get("legacy_names", "")).split(";")
                if name.strip() and fold(name) == matched
            ),
            None,
        )
        found.append(
            Suggestion(
                text=province.get("name", ""),
                kind="province",
                province_code=code,
                legacy_name=legacy,
            )
        )
    return found


def run_search(client: Elasticsearch, index: str, params: SearchParams) -> SearchResult:
    """Strict requests (the product's own words, then with the long texts), then the
    typo-tolerant one, each only when the one before it matched nothing."""
    has_words = bool(query_words(params.query)[1])
    response = client.search(index=index, **search_body(params, long_texts=False)).body
    fuzzy = long_texts = False
    suggestions = _suggestions(response)
    if has_words and response["aggregations"]["matched"]["doc_count"] == 0:
        long_texts = True
        response = client.search(index=index, **search_body(params, long_texts=True)).body
    if has_words and response["aggregations"]["matched"]["doc_count"] == 0:
        response = client.search(index=index, **search_body(params, fuzzy=True)).body
        fuzzy = True
    raw_hits = response["hits"]["hits"]
    # How many hits come before the page (SearchResult.before_count): the offset; counted
    # (up to a page and one) before a position, and after one when asked for.
    before_count = None if params.elasticsearch_after is not None else params.offset
    if params.elasticsearch_after is not None and params.with_before_count:
        before_count = _count_before(client, index, params, fuzzy=fuzzy, long_texts=long_texts)
    if params.elasticsearch_before is not None:
        if len(raw_hits) < params.limit:
            # Fewer than a page before the position (hits were removed since): the first
            # page instead, so a page is never short at the start.
            return run_search(client, index, replace(params, search_before=None, offset=0))
        before_count = len(raw_hits) - params.limit
        raw_hits = raw_hits[: params.limit][::-1]
    return SearchResult(
        hits=[_hit(raw) for raw in raw_hits],
        total=int(response["hits"]["total"]["value"]),
        facets=_facets(response, params.filters) if params.with_facets else {},
        suggestions=suggestions,
        backend="elasticsearch",
        fuzzy=fuzzy,
        after=tuple(raw_hits[-1]["sort"]) if raw_hits and "sort" in raw_hits[-1] else None,
        before=tuple(raw_hits[0]["sort"]) if raw_hits and "sort" in raw_hits[0] else None,
        before_count=before_count,
    )


def _count_before(
    client: Elasticsearch, index: str, params: SearchParams, *, fuzzy: bool, long_texts: bool
) -> int:
    """How many hits come before a page after a position: the one at the position (still
    there, as a rule) and those before it, up to a page and one. One more small request,
    the same query in the reversed order, without facets, total or documents."""
    body = search_body(
        replace(
            params,
            search_after=None,
            search_before=params.elasticsearch_after,
            with_facets=False,
            with_suggestions=False,
            with_highlights=False,
        ),
        fuzzy=fuzzy,
        long_texts=long_texts,
    )
    body.update(size=params.limit, track_total_hits=False, _source=False)
    body.pop("aggs", None)
    response = client.search(index=index, **body).body
    return min(1 + len(response["hits"]["hits"]), params.limit + 1)


def run_suggest(
    client: Elasticsearch, index: str, prefix: str, channel: str, size: int = 5
) -> list[Suggestion]:
    _, words = query_words(prefix)
    if not words:
        return []
    response = client.search(
        index=index,
        size=0,
        source_includes=SOURCE_FIELDS,
        suggest=suggest_body(" ".join(words), channel, size),
    ).body
    return _suggestions(response)


def run_ranked_ids(client: Elasticsearch, index: str, query: str, limit: int) -> list[int]:
    """Ids of matching products, best first, across channels (the caller's queryset
    applies the channel and the listing rule)."""
    ids: list[int] = []
    for fuzzy, long_texts in ((False, False), (False, True), (True, True)):
        response = client.search(
            index=index,
            query=ranked(text_query(query, fuzzy=fuzzy, long_texts=long_texts)),
            size=limit,
            source_includes=["product_id"],
            sort=sort_clause(SortField.RELEVANCE, True),
            track_total_hits=False,
        ).body
        seen: set[int] = set()
        for raw in response["hits"]["hits"]:
            pk = int(raw["_source"]["product_id"])
            if pk not in seen:
                seen.add(pk)
                ids.append(pk)
        if ids or not query_words(query)[1]:
            break
    return ids
