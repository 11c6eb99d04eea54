"""Types of the `searchProducts` query: ranked products with highlights, facets, suggestions."""

from __future__ import annotations

import graphene

from storefront_api.catalog.types import Product
from storefront_api.core.connection import CountableConnection


class SearchBackendEnum(graphene.Enum):
    ELASTICSEARCH = "elasticsearch"
    POSTGRES = "postgres"


class SearchHighlight(graphene.ObjectType):
    field = graphene.String(required=True, description='"name" or "description".')
    snippet = graphene.String(
        required=True, description="HTML-escaped text with <em> around the matched words."
    )


class ProductSearchCountableConnection(CountableConnection):
    class Meta:
        node = Product

    class Edge:
        highlights = graphene.List(graphene.NonNull(SearchHighlight), required=True)
        score = graphene.Float(description="Relevance score (Elasticsearch only).")


class SearchFacetValue(graphene.ObjectType):
    value = graphene.String(
        required=True,
        description="What to pass back in the filter: a Category ID, a province code, stars, "
        "a seller kind, true/false for stock.",
    )
    label = graphene.String(required=True)
    count = graphene.Int(required=True)
    selected = graphene.Boolean(required=True)


class SearchPriceRangeFacetValue(graphene.ObjectType):
    label = graphene.String(required=True)
    gte = graphene.Int(description="Lowest price from, in đồng (inclusive).")
    lte = graphene.Int(description="Lowest price up to, in đồng (inclusive).")
    count = graphene.Int(required=True)
    selected = graphene.Boolean(required=True)


class ProductSearchFacets(graphene.ObjectType):
    """Counts per value; each facet ignores its own filter so other values stay visible."""

    categories = graphene.List(graphene.NonNull(SearchFacetValue), required=True)
    provinces = graphene.List(graphene.NonNull(SearchFacetValue), required=True)
    stars = graphene.List(graphene.NonNull(SearchFacetValue), required=True)
    price_ranges = graphene.List(graphene.NonNull(SearchPriceRangeFacetValue), required=True)
    seller_kinds = graphene.List(graphene.NonNull(SearchFacetValue), required=True)
    in_stock = graphene.List(graphene.NonNull(SearchFacetValue), required=True)
    materials = graphene.List(
        graphene.NonNull(SearchFacetValue),
        required=True,
        description="Materials of crafts (the `material` attribute's choices, by slug).",
    )


class SearchSuggestionKind(graphene.Enum):
    PRODUCT = "product"
    PROVINCE = "province"


class SearchSuggestion(graphene.ObjectType):
    text = graphene.String(required=True)
    kind = graphene.Field(SearchSuggestionKind, required=True)
    product_id = graphene.ID(description="For a product suggestion.")
    slug = graphene.String(description="For a product suggestion.")
    province_code = graphene.String(description="For a province suggestion.")
    legacy_name = graphene.String(
        description='For a province found by its pre-2025 name, that name (e.g. "Hà Giang").'
    )


class ProductSearchResults(graphene.ObjectType):
    results = graphene.Field(ProductSearchCountableConnection, required=True)
    facets = graphene.Field(ProductSearchFacets, required=True)
    suggestions = graphene.List(graphene.NonNull(SearchSuggestion), required=True)
    total_count = graphene.Int(required=True)
    backend = graphene.Field(
        SearchBackendEnum, required=True, description="POSTGRES while Elasticsearch is down."
    )
    fuzzy = graphene.Boolean(
        required=True,
        description="True when no product matched every word and typo-tolerant matching answered.",
    )
