"""The attribute and variant fields of `Product` and `ProductVariant` (Saleor 3.23), kept
apart from types.py: resolvers over `catalog.attributes`, with the facts prefetched by
`lookups.prepare_products` and the attributes loaded once per request."""

from __future__ import annotations

from typing import Any

import graphene

from catalog import models
from catalog.attributes import Assigned, product_attributes, variant_attributes
from storefront_api.catalog.assigned_attribute_types import AssignedAttribute, SelectedAttribute
from storefront_api.catalog.attribute_types import PositiveInt, VariantAttributeScope, catalogue
from storefront_api.core.context import ChannelContext


def assigned_attribute_field() -> graphene.Field:
    return graphene.Field(AssignedAttribute, slug=graphene.String(required=True))


def assigned_attributes_field() -> graphene.List:
    return graphene.List(
        graphene.NonNull(AssignedAttribute),
        required=True,
        limit=graphene.Argument(PositiveInt, default_value=100),
    )


def selected_attributes_field(**args: Any) -> graphene.List:
    return graphene.List(graphene.NonNull(SelectedAttribute), required=True, **args)


def variant_attributes_field() -> graphene.List:
    return selected_attributes_field(variant_selection=graphene.Argument(VariantAttributeScope))


def of_product(root: ChannelContext[models.Product], info: graphene.ResolveInfo) -> list[Assigned]:
    return product_attributes(catalogue(info), list(root.node.facts.all()))


def of_variant(
    root: ChannelContext[models.ProductVariant],
    info: graphene.ResolveInfo,
    variant_selection: Any = None,
) -> list[Assigned]:
    scope = str(getattr(variant_selection, "value", variant_selection) or "ALL")
    selection = {"VARIANT_SELECTION": True, "NOT_VARIANT_SELECTION": False}.get(scope)
    return variant_attributes(catalogue(info), root.node, selection=selection)


def one(found: list[Assigned], slug: str) -> Assigned | None:
    return next((a for a in found if a.attribute.slug == slug), None)
