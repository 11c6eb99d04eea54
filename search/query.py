"""Elasticsearch request bodies for product search (`search.es_search` sends them and reads
the answers).

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
from typing import Any

from core.text import fold
from search.attribute_filters import es_clauses as attribute_clauses
from search.params import (
    FACETS,
    MAX_WINDOW,
    PRICE_RANGES,
    SearchFilters,
    SearchParams,
    SortField,
)
from search.text import POST, PRE, normalise_query

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


def facet_aggs(
    clauses: dict[str, dict[str, Any]], *, with_materials: bool = True
) -> dict[str, Any]:
    """An aggregation per facet (the materials' only `with_materials`), each filtered by
    every other facet's clause."""
    aggs = {}
    for name in FACETS:
        if name == "materials" and not with_materials:
            continue
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
        body["aggs"].update(facet_aggs(clauses, with_materials=params.with_materials))
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
