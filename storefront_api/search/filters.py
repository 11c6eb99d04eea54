"""Inputs of `searchProducts`."""

from __future__ import annotations

import graphene

from search.params import SortField
from storefront_api.catalog.filters import OrderDirection, PriceRangeInput
from storefront_api.core.enums import enum_from_choices
from storefront_api.sellers.types import SellerKindEnum


class NetContentUnitEnum(graphene.Enum):
    G = "g"
    ML = "ml"


class NetContentRangeInput(graphene.InputObjectType):
    unit = graphene.Field(NetContentUnitEnum, description="Weight (g) or volume (ml); any.")
    gte = graphene.Float()
    lte = graphene.Float()


class ProductSearchFilterInput(graphene.InputObjectType):
    categories = graphene.List(
        graphene.NonNull(graphene.ID), description="Category IDs (sub-categories included)."
    )
    provinces = graphene.List(graphene.NonNull(graphene.String), description="Province codes.")
    stars = graphene.List(graphene.NonNull(graphene.Int), description="OCOP stars, e.g. [4, 5].")
    price_range = graphene.Field(PriceRangeInput, description="On the lowest price, in đồng.")
    seller_kinds = graphene.List(graphene.NonNull(SellerKindEnum))
    in_stock = graphene.Boolean()
    materials = graphene.List(
        graphene.NonNull(graphene.String),
        description='Material slugs (the `material` attribute\'s choices), e.g. ["tre"].',
    )
    net_content = graphene.Field(
        NetContentRangeInput, description="Net content of a food, in grams or millilitres."
    )


ProductSearchSortField = enum_from_choices(SortField, name="ProductSearchSortField")


class ProductSearchOrder(graphene.InputObjectType):
    field = graphene.Field(ProductSearchSortField, required=True)
    direction = graphene.Field(
        OrderDirection, description="Default: best first, cheapest first, newest first."
    )
