"""Elasticsearch requests for product search, and reading their answers.

Matching is on the folded fields: every word must appear in some field (cross_fields,
operator AND), first among the product's own words (name, English name, group, origin,
seller); only when no product matches there do the description and story count (as on
PostgreSQL: "mật ong" finds the honeys, not the garlic whose description says to soak it
in honey). Only when that finds nothing either is a typo-tolerant request sent
(per-word fuzzy matching, the last word also as a prefix): typos are forgiven without
drowning good results in near-misses. Optional clauses on the accented fields and on
phrases then order the matches: a product whose text has the query's exact accents
("dê", goat) scores well above one that only matches once folded ("dế", cricket).
A mild function score adds popularity, stars, stock and live/featured status.

Facets are "disjunctive": each facet is counted with every filter except its own
(filters go in post_filter), so ticking "4★" still shows how many 5★ there are.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from elasticsearch import Elasticsearch

from core.text import fold
from search.attribute_filters import es_clauses as attribute_clauses
from search.params import (
    FACETS,
    MAX_WINDOW,
    PRICE_RANGES,
    FacetValue,
    Hit,
    SearchFilters,
    SearchParams,
    SearchResult,
    SortField,
    Suggestion,
)
from search.text import POST, PRE, normalise_query, reaccent

_WORD = re.compile(r"\w+")

# (field, boost) on the folded copies, and the same fields accented.
FIELDS: tuple[tuple[str, float], ...] = (
    ("name", 4.0),
    ("name_en", 1.0),
    ("category_path", 2.0),
    ("province.name", 2.0),
    ("province.legacy_names", 1.5),
    ("seller.name", 1.5),
    ("description", 1.0),
    ("story", 0.5),
)
FOLDED_SUFFIX = {
    "name": "name_folded",
    "name_en": "name_en",
    "category_path": "category_path_folded",
    "province.name": "province.name_folded",
    "province.legacy_names": "province.legacy_folded",
    "seller.name": "seller.name_folded",
    "description": "description_folded",
    "story": "story_folded",
}
# Long texts: they count only when no product has every query word in its other fields.
LONG_TEXT_FIELDS = frozenset({"description", "story"})
# Typos are forgiven on names, not in long texts (too many near-misses, too slow).
FUZZY_FIELDS = frozenset(
    {"name", "category_path", "province.name", "province.legacy_names", "seller.name"}
)
# The accented clause is worth twice the folded one: an exact-accent match roughly
# doubles or triples a product's score, more than the ranking functions can add.
ACCENT_BOOST = 2.0
PHRASE_BOOST = 3.0
SOURCE_FIELDS = [
    "product_id",
    "slug",
    "name",
    "description",
    "province.code",
    "province.name",
    "province.legacy_names",
]


MAX_WORDS = 12


def query_words(query: str) -> tuple[str, list[str]]:
    """(NFC query, folded words); at most MAX_WORDS words count."""
    accented = normalise_query(query)
    return accented, _WORD.findall(fold(accented))[:MAX_WORDS]


def _folded_fields(*, long_texts: bool) -> list[str]:
    return [
        f"{FOLDED_SUFFIX[name]}^{boost:g}"
        for name, boost in FIELDS
        if long_texts or name not in LONG_TEXT_FIELDS
    ]


def text_query(query: str, *, fuzzy: bool = False, long_texts: bool = True) -> dict[str, Any]:
    """The text part of a search. Strict (every word must match, folded), in the product's
    own words only or, with `long_texts`, in its description and story too; or `fuzzy`."""
    accented, words = query_words(query)
    if not words:
        return {"match_all": {}}
    folded = " ".join(words)
    if not fuzzy:
        must: dict[str, Any] = {
            "multi_match": {
                "query": folded,
                "type": "cross_fields",
                "fields": _folded_fields(long_texts=long_texts),
                "operator": "and",
            }
        }
    else:
        per_word = []
        for position, word in enumerate(words):
            options: list[dict[str, Any]] = [
                {
                    "match": {
                        FOLDED_SUFFIX[name]: {
                            "query": word,
                            "fuzziness": "AUTO",
                            "prefix_length": 1,
                            "max_expansions": 20,
                            "boost": boost,
                        }
                    }
                }
                for name, boost in FIELDS
                if name in FUZZY_FIELDS
            ]
            if position == len(words) - 1 and len(word) >= 3:
                # The last word may be unfinished: "mat ong hoa b…".
                options.append({"prefix": {"name_folded": {"value": word, "boost": 2.0}}})
            per_word.append({"dis_max": {"queries": options}})
        # Up to three words must all match (fuzzily); longer queries may miss a quarter.
        must = {"bool": {"should": per_word, "minimum_should_match": "3<-25%"}}
    should = [
        {
            "multi_match": {
                "query": accented,
                "type": "best_fields",
                "fields": [f"{name}^{boost:g}" for name, boost in FIELDS],
                "tie_breaker": 0.3,
                "boost": ACCENT_BOOST,
            }
        },
        {"match_phrase": {"name_folded": {"query": folded, "slop": 2, "boost": PHRASE_BOOST}}},
        {"match_phrase": {"name": {"query": accented, "slop": 2, "boost": PHRASE_BOOST}}},
    ]
    return {"bool": {"must": [must], "should": should}}


def ranked(query: dict[str, Any]) -> dict[str, Any]:
    """Multiply the text score by 1 to ~1.7 for popularity, stars, stock, live, featured."""
    return {
        "function_score": {
            "query": query,
            "functions": [
                {"weight": 1},
                {
                    "field_value_factor": {
                        "field": "popularity",
                        "modifier": "log1p",
                        "missing": 0,
                    },
                    "weight": 0.05,
                },
                {"field_value_factor": {"field": "stars", "missing": 0}, "weight": 0.02},
                {"filter": {"term": {"in_stock": True}}, "weight": 0.15},
                {"filter": {"term": {"live_now": True}}, "weight": 0.1},
                {"filter": {"term": {"featured": True}}, "weight": 0.05},
            ],
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }


def filter_clauses(filters: SearchFilters) -> dict[str, dict[str, Any]]:
    """One clause per active facet filter, keyed by facet name."""
    clauses: dict[str, dict[str, Any]] = {}
    if filters.category_ids:
        clauses["categories"] = {"terms": {"category_ids": list(filters.category_ids)}}
    if filters.province_codes:
        clauses["provinces"] = {"terms": {"province.code": list(filters.province_codes)}}
    if filters.stars:
        clauses["stars"] = {"terms": {"stars": list(filters.stars)}}
    if filters.price_gte is not None or filters.price_lte is not None:
        bounds = {}
        if filters.price_gte is not None:
            bounds["gte"] = filters.price_gte
        if filters.price_lte is not None:
            bounds["lte"] = filters.price_lte
        clauses["price_ranges"] = {"range": {"price_min": bounds}}
    if filters.seller_kinds:
        clauses["seller_kinds"] = {"terms": {"seller.kind": list(filters.seller_kinds)}}
    if filters.in_stock is not None:
        clauses["in_stock"] = {"term": {"in_stock": filters.in_stock}}
    clauses.update(attribute_clauses(filters.materials, filters.net_content))
    return clauses


def _facet_agg(name: str) -> dict[str, Any]:
    if name == "categories":
        return {"terms": {"field": "category_ids", "size": 200}}
    if name == "provinces":
        return {"terms": {"field": "province.code", "size": 100}}
    if name == "stars":
        return {"terms": {"field": "stars", "size": 5}}
    if name == "seller_kinds":
        return {"terms": {"field": "seller.kind", "size": 10}}
    if name == "in_stock":
        return {"terms": {"field": "in_stock", "size": 2}}
    if name == "materials":
        return {"terms": {"field": "materials", "size": 50}}
    ranges = []
    for price_range in PRICE_RANGES:
        bucket: dict[str, Any] = {"key": price_range.key}
        if price_range.gte is not None:
            bucket["from"] = price_range.gte
        if price_range.lte is not None:
            bucket["to"] = price_range.lte + 1
        ranges.append(bucket)
    return {"range": {"field": "price_min", "ranges": ranges, "keyed": False}}


def scope_clauses(filters: SearchFilters) -> list[dict[str, Any]]:
    """The page's scope (a seller, a set of products): part of the query, not a facet."""
    clauses: list[dict[str, Any]] = []
    if filters.seller_ids:
        clauses.append({"terms": {"seller.id": list(filters.seller_ids)}})
    if filters.product_ids is not None:
        clauses.append({"terms": {"product_id": list(filters.product_ids)}})
    return clauses


def facet_aggs(clauses: dict[str, dict[str, Any]]) -> dict[str, Any]:
    aggs = {}
    for name in FACETS:
        others = [clause for other, clause in clauses.items() if other != name]
        aggs[name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": _facet_agg(name)},
        }
    return aggs


def sort_clause(sort: SortField, descending: bool, *, backwards: bool = False) -> list[Any]:
    """The sort keys, ending with the unique product_id. `backwards`: every direction
    reversed, tie-breaker and missing values included (the page before a position)."""

    def way(down: bool) -> str:
        return "desc" if down != backwards else "asc"

    tail: list[Any] = [{"product_id": way(False)}]
    if sort == SortField.RELEVANCE:
        return [{"_score": way(descending)}, {"popularity": way(True)}, *tail]
    field = {
        SortField.PRICE: "price_min",
        SortField.NEWEST: "created_at",
        SortField.STARS: "stars",
        SortField.RATING: "rating",
    }[sort]
    # A missing value sorts last; backwards, first (its sort value stays the same).
    missing = "_first" if backwards else "_last"
    return [{field: {"order": way(descending), "missing": missing}}, {"_score": way(True)}, *tail]


def search_body(
    params: SearchParams, *, fuzzy: bool = False, long_texts: bool = True
) -> dict[str, Any]:
    _, words = query_words(params.query)
    clauses = filter_clauses(params.filters)
    offset = min(params.offset, MAX_WINDOW - params.limit)
    body: dict[str, Any] = {
        "query": {
            "bool": {
                "must": [ranked(text_query(params.query, fuzzy=fuzzy, long_texts=long_texts))],
                "filter": [
                    {"term": {"channel": params.channel.slug}},
                    *scope_clauses(params.filters),
                ],
            }
        },
        "from": max(offset, 0),
        "size": params.limit,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
        "sort": sort_clause(params.sort, params.is_descending),
    }
    if params.elasticsearch_after is not None:
        # Keyset paging on the sort keys (the last of which is product_id): no skipping.
        body["search_after"] = list(params.elasticsearch_after)
        body["from"] = 0
    elif params.elasticsearch_before is not None:
        # The page before: search_after in the reversed order (run_search reverses the
        # hits back), and up to a page and one more hits to count those before it.
        body["search_after"] = list(params.elasticsearch_before)
        body["sort"] = sort_clause(params.sort, params.is_descending, backwards=True)
        body["from"] = 0
        body["size"] = 2 * params.limit + 1
    if clauses:
        body["post_filter"] = {"bool": {"filter": list(clauses.values())}}
    # Matches before the facet filters: when words matched but filters left nothing, a
    # typo-tolerant retry would only add near-misses.
    body["aggs"] = {"matched": {"filter": {"match_all": {}}}}
    if params.with_facets:
        body["aggs"].update(facet_aggs(clauses))
    if params.with_highlights and words:
        body["highlight"] = {
            "pre_tags": [PRE],
            "post_tags": [POST],
            "fields": {
                "name_folded": {"number_of_fragments": 0},
                "description_folded": {
                    "fragment_size": 160,
                    "number_of_fragments": 1,
                    # The description may not be in the query (the product's own words
                    # matched first): mark the query's words in it all the same.
                    "highlight_query": {"match": {"description_folded": " ".join(words)}},
                },
            },
        }
    if params.with_suggestions and words and not fuzzy:
        body["suggest"] = suggest_body(" ".join(words), params.channel.slug)
    return body


def suggest_body(prefix: str, channel: str, size: int = 5) -> dict[str, Any]:
    contexts = {"channel": [channel]}
    return {
        "products": {
            "prefix": prefix,
            "completion": {
                "field": "name_suggest",
                "size": size,
                "skip_duplicates": True,
                "contexts": contexts,
                "fuzzy": {"fuzziness": 1, "min_length": 4, "prefix_length": 2},
            },
        },
        "provinces": {
            "prefix": prefix,
            "completion": {
                "field": "province_suggest",
                "size": size,
                "skip_duplicates": True,
                "contexts": contexts,
            },
        },
    }


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
