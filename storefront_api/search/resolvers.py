"""`searchProducts`: GraphQL arguments → search.service → products loaded in page order."""

from __future__ import annotations

import base64
import json
from typing import Any

import graphene
from graphql import GraphQLError

from catalog import models
from catalog.listed import listed_now
from search import service
from search.attribute_filters import NetContentRange
from search.params import (
    MAX_LIMIT,
    MAX_WINDOW,
    FacetValue,
    SearchFilters,
    SearchParams,
    SearchResult,
    SortField,
    Suggestion,
)
from storefront_api.catalog.lookups import prepare_products, with_relations
from storefront_api.core.channel import resolve_channel
from storefront_api.core.connection import decode_cursor, encode_cursor
from storefront_api.core.selection import selected_paths
from storefront_api.search import types

DEFAULT_PAGE = 20


def _category_pks(ids: list[str]) -> tuple[int, ...]:
    pks = []
    for value in ids:
        try:
            kind, pk = graphene.Node.resolve_global_id(None, value)
        except Exception:
            kind, pk = None, None
        if kind != "Category" or not str(pk).isdigit():
            raise GraphQLError(f"Invalid ID: {value}. Expected: Category.")
        pks.append(int(pk))
    return tuple(pks)


def _enum_value(value: Any) -> str:
    return str(getattr(value, "value", value))


def build_filters(raw: dict[str, Any] | None) -> SearchFilters:
    raw = raw or {}
    price = raw.get("price_range") or {}
    return SearchFilters(
        category_ids=_category_pks(raw.get("categories") or []),
        province_codes=tuple(raw.get("provinces") or ()),
        stars=tuple(raw.get("stars") or ()),
        price_gte=int(price["gte"]) if price.get("gte") is not None else None,
        price_lte=int(price["lte"]) if price.get("lte") is not None else None,
        seller_kinds=tuple(_enum_value(k) for k in raw.get("seller_kinds") or ()),
        in_stock=raw.get("in_stock"),
        materials=tuple(raw.get("materials") or ()),
        net_content=net_content_range(raw.get("net_content")),
    )


def net_content_range(raw: dict[str, Any] | None) -> NetContentRange:
    raw = raw or {}
    unit = raw.get("unit")
    return NetContentRange(
        unit=_enum_value(unit) if unit is not None else None, gte=raw.get("gte"), lte=raw.get("lte")
    )


# A page's last cursor also carries the backend's keyset position (`SearchResult.after`)
# and the order it was made for, so the next page continues from it instead of skipping
# `offset` results: "search:" + JSON {"o": offset, "a": [sort values], "s": order}.
SEARCH_PREFIX = "search:"


def _encode(offset: int, after: tuple[Any, ...] | None = None, order: str = "") -> str:
    if after is None:
        return encode_cursor(offset)
    raw = json.dumps({"o": offset, "a": list(after), "s": order}, separators=(",", ":"))
    return base64.b64encode(f"{SEARCH_PREFIX}{raw}".encode()).decode()


def _decode(cursor: str, order: str) -> tuple[int, tuple[Any, ...] | None]:
    """(offset of the cursor's result, keyset position after it or None)."""
    try:
        raw = base64.b64decode(cursor.encode(), validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        raw = ""
    if not raw.startswith(SEARCH_PREFIX):
        return decode_cursor(cursor), None
    try:
        data = json.loads(raw[len(SEARCH_PREFIX) :])
        offset, after, made_for = int(data["o"]), data["a"], str(data["s"])
    except (ValueError, KeyError, TypeError):
        raise GraphQLError(f"Invalid cursor: {cursor!r}") from None
    scalars = all(v is None or isinstance(v, str | int | float) for v in after)
    if offset < 0 or not isinstance(after, list) or not scalars or not 0 < len(after) <= 5:
        raise GraphQLError(f"Invalid cursor: {cursor!r}")
    return offset, tuple(after) if made_for == order else None


def _page(
    first: int | None, after: str | None, order: str
) -> tuple[int, int, tuple[Any, ...] | None]:
    limit = DEFAULT_PAGE if first is None else first
    if not 0 <= limit <= MAX_LIMIT:
        raise GraphQLError(
            f"Requesting {limit} records on the `results` connection exceeds the `first` "
            f"limit of {MAX_LIMIT} records."
        )
    position, search_after = _decode(after, order) if after else (-1, None)
    offset = position + 1
    if offset + limit > MAX_WINDOW:
        raise GraphQLError(f"Search results are available up to the {MAX_WINDOW}th only.")
    return offset, limit, search_after


def _facet(value: FacetValue, name: str) -> types.SearchFacetValue:
    shown = value.value
    if name == "categories":
        shown = graphene.Node.to_global_id("Category", value.value)
    return types.SearchFacetValue(
        value=shown, label=value.label, count=value.count, selected=value.selected
    )


def _suggestion(found: Suggestion) -> types.SearchSuggestion:
    return types.SearchSuggestion(
        text=found.text,
        kind=found.kind,
        product_id=graphene.Node.to_global_id("Product", found.product_id)
        if found.product_id
        else None,
        slug=found.slug,
        province_code=found.province_code,
        legacy_name=found.legacy_name,
    )


def _facets(result: SearchResult) -> types.ProductSearchFacets:
    facets = result.facets

    def values(name: str) -> list[types.SearchFacetValue]:
        return [_facet(v, name) for v in facets.get(name, [])]

    return types.ProductSearchFacets(
        categories=values("categories"),
        provinces=values("provinces"),
        stars=values("stars"),
        price_ranges=[
            types.SearchPriceRangeFacetValue(
                label=v.label, gte=v.gte, lte=v.lte, count=v.count, selected=v.selected
            )
            for v in facets.get("price_ranges", [])
        ],
        seller_kinds=values("seller_kinds"),
        in_stock=values("in_stock"),
        materials=values("materials"),
    )


def resolve_search_products(
    info: graphene.ResolveInfo,
    *,
    query: str | None,
    channel: str | None,
    filter: dict[str, Any] | None,
    sort_by: dict[str, Any] | None,
    first: int | None,
    after: str | None,
) -> types.ProductSearchResults:
    channel_obj = resolve_channel(channel)
    sort = SortField(_enum_value(sort_by["field"])) if sort_by else SortField.RELEVANCE
    direction = _enum_value(sort_by["direction"]) if sort_by and sort_by.get("direction") else None
    # The order a keyset position belongs to: the query, filters and sort that made it.
    order = json.dumps([query or "", filter or {}, str(sort), direction or ""], default=str)
    offset, limit, search_after = _page(first, after, order)
    # Only what the query selects is computed (suggestions alone are three statements).
    selected = selected_paths(info)
    params = SearchParams(
        query=query or "",
        channel=channel_obj,
        filters=build_filters(filter),
        sort=sort,
        descending={"DESC": True, "ASC": False}.get(direction or ""),
        offset=offset,
        limit=limit,
        search_after=search_after,
        with_facets="facets" in selected,
        with_materials="facets.materials" in selected,
        with_suggestions="suggestions" in selected,
        with_highlights="results.edges.highlights" in selected,
    )
    result = service.search(params)
    paths = selected_paths(info, ("results", "edges", "node"))
    ids = result.product_ids
    # Loaded through the listing record (what every list reads: the rule as indexed state,
    # written in the transaction of each change), so a product delisted since the search
    # answered is dropped rather than shown; by primary key, not by the rule's subqueries.
    listed = listed_now(channel_obj).filter(product_id__in=ids).values("product_id")
    loaded = {p.pk: p for p in with_relations(models.Product.objects.filter(pk__in=listed), paths)}
    # Cursors keep each hit's position in the search's order, even if one was dropped.
    kept = [(offset + i, hit) for i, hit in enumerate(result.hits) if hit.product_id in loaded]
    hits = [hit for _, hit in kept]
    products = prepare_products([loaded[hit.product_id] for hit in hits], channel_obj, paths)
    edge_type: Any = types.ProductSearchCountableConnection.Edge
    edges: list[Any] = [
        edge_type(
            node=product,
            cursor=_encode(position, result.after if n == len(kept) - 1 else None, order),
            highlights=[
                types.SearchHighlight(field=field, snippet=snippet)
                for field, snippet in hit.highlights.items()
            ],
            score=hit.score,
        )
        for n, ((position, hit), product) in enumerate(zip(kept, products, strict=True))
    ]
    total = result.total - (len(ids) - len(hits))
    connection = types.ProductSearchCountableConnection(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=offset > 0,
            has_next_page=offset + limit < total,
        ),
        total_count=total,
    )
    return types.ProductSearchResults(
        results=connection,
        facets=_facets(result),
        suggestions=[_suggestion(s) for s in result.suggestions],
        total_count=total,
        backend=result.backend,
        fuzzy=result.fuzzy,
    )


def resolve_search_suggestions(
    query: str, channel: str | None, first: int
) -> list[types.SearchSuggestion]:
    if not 0 <= first <= 20:
        raise GraphQLError("`first` must be between 0 and 20.")
    return [_suggestion(s) for s in service.suggest(query, resolve_channel(channel), first)]
