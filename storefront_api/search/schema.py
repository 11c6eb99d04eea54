"""Search queries: `searchProducts` (facets, highlights, suggestions) and
`searchSuggestions` (autocomplete). Saleor's own `products(search: …)` lives in
storefront_api/catalog and is answered by the same search service."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.search.filters import ProductSearchFilterInput, ProductSearchOrder
from storefront_api.search.resolvers import resolve_search_products, resolve_search_suggestions
from storefront_api.search.types import ProductSearchResults, SearchSuggestion


class SearchQueries(graphene.ObjectType):
    search_products = graphene.Field(
        ProductSearchResults,
        required=True,
        query=graphene.String(description="Words to find; accents and case do not matter."),
        channel=graphene.String(),
        filter=ProductSearchFilterInput(),
        sort_by=ProductSearchOrder(),
        first=graphene.Int(description="Page size (default 20, at most 100)."),
        after=graphene.String(),
        description="OCOP product search: listable products only, best match first.",
    )
    search_suggestions = graphene.List(
        graphene.NonNull(SearchSuggestion),
        required=True,
        query=graphene.String(required=True),
        channel=graphene.String(),
        first=graphene.Int(default_value=5),
        description="Autocomplete: product names and provinces (also pre-2025 names).",
    )

    @staticmethod
    def resolve_search_products(
        root: Any,
        info: graphene.ResolveInfo,
        query: str | None = None,
        channel: str | None = None,
        filter: dict[str, Any] | None = None,
        sort_by: dict[str, Any] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Any:
        return resolve_search_products(
            info,
            query=query,
            channel=channel,
            filter=filter,
            sort_by=sort_by,
            first=first,
            after=after,
        )

    @staticmethod
    def resolve_search_suggestions(
        root: Any,
        info: graphene.ResolveInfo,
        query: str,
        channel: str | None = None,
        first: int = 5,
    ) -> Any:
        return resolve_search_suggestions(query, channel, first)
