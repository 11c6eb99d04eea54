"""`Query.attributes` (Saleor 3.23): the label facts' attributes, public to everyone
(Saleor asks for no permission to list them either)."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q
from graphene import relay

from catalog import models
from storefront_api.catalog.attribute_types import (
    AttributeCountableConnection,
    AttributeTypeEnum,
)
from storefront_api.catalog.filters import OrderDirection
from storefront_api.catalog.lookups import global_pk
from storefront_api.core.connection import paginate


class AttributeFilterInput(graphene.InputObjectType):
    value_required = graphene.Boolean()
    is_variant_only = graphene.Boolean()
    visible_in_storefront = graphene.Boolean()
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    type = graphene.Field(AttributeTypeEnum)
    in_collection = graphene.ID()
    in_category = graphene.ID()
    slugs = graphene.List(graphene.NonNull(graphene.String))
    filterable_in_storefront = graphene.Boolean()
    available_in_grid = graphene.Boolean()
    filterable_in_dashboard = graphene.Boolean()
    channel = graphene.String()


class AttributeSortField(graphene.Enum):
    NAME = "NAME"
    SLUG = "SLUG"
    VALUE_REQUIRED = "VALUE_REQUIRED"
    IS_VARIANT_ONLY = "IS_VARIANT_ONLY"
    VISIBLE_IN_STOREFRONT = "VISIBLE_IN_STOREFRONT"
    FILTERABLE_IN_STOREFRONT = "FILTERABLE_IN_STOREFRONT"
    FILTERABLE_IN_DASHBOARD = "FILTERABLE_IN_DASHBOARD"
    STOREFRONT_SEARCH_POSITION = "STOREFRONT_SEARCH_POSITION"
    AVAILABLE_IN_GRID = "AVAILABLE_IN_GRID"


SORT_COLUMNS = {
    "NAME": "name",
    "SLUG": "slug",
    "VALUE_REQUIRED": "value_required",
    "IS_VARIANT_ONLY": "variant_selection",
    "VISIBLE_IN_STOREFRONT": "visible_in_storefront",
    "FILTERABLE_IN_STOREFRONT": "filterable_in_storefront",
    "FILTERABLE_IN_DASHBOARD": "filterable_in_storefront",
}


class AttributeSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(AttributeSortField, required=True)


def _value(member: Any) -> str:
    return str(getattr(member, "value", member))


def attribute_queryset(
    flt: dict[str, Any], search: str | None, sort_by: dict[str, Any] | None
) -> Any:
    qs = models.Attribute.objects.prefetch_related("translations")
    text = search or flt.get("search")
    if text:
        named = Q(name__icontains=text) | Q(translations__name__icontains=text)
        qs = qs.filter(named | Q(slug__icontains=text)).distinct()
    if flt.get("slugs"):
        qs = qs.filter(slug__in=flt["slugs"])
    if flt.get("ids"):
        qs = qs.filter(pk__in=[global_pk(i, "Attribute") for i in flt["ids"]])
    if flt.get("type") is not None and _value(flt["type"]) != "PRODUCT_TYPE":
        qs = qs.none()  # every attribute of ours describes products
    for key, column in (
        ("value_required", "value_required"),
        ("visible_in_storefront", "visible_in_storefront"),
        ("filterable_in_storefront", "filterable_in_storefront"),
        ("is_variant_only", "variant_selection"),
    ):
        if flt.get(key) is not None:
            qs = qs.filter(**{column: flt[key]})
    if flt.get("in_category"):
        qs = qs.filter(slug__in=_keys_in(category=global_pk(flt["in_category"], "Category")))
    if flt.get("in_collection"):
        pk = global_pk(flt["in_collection"], "Collection")
        qs = qs.filter(slug__in=_keys_in(collection=pk))
    if sort_by:
        prefix = "-" if _value(sort_by.get("direction")) == "DESC" else ""
        column = SORT_COLUMNS.get(_value(sort_by["field"]), "sort_order")
        return qs.order_by(f"{prefix}{column}", "pk")
    return qs.order_by("sort_order", "slug", "pk")


def _keys_in(*, category: int | None = None, collection: int | None = None) -> Any:
    """The fact keys products of a category (or its children) or collection carry."""
    facts = models.ProductFact.objects.all()
    if category is not None:
        facts = facts.filter(
            Q(product__category_id=category) | Q(product__category__parent_id=category)
        )
    if collection is not None:
        facts = facts.filter(product__collections=collection)
    return facts.values("key")


class AttributeQueries(graphene.ObjectType):
    attributes = relay.ConnectionField(
        AttributeCountableConnection,
        filter=AttributeFilterInput(),
        search=graphene.String(),
        sort_by=AttributeSortingInput(),
        channel=graphene.String(),
        description="The attributes of products: the label facts and the variant option.",
    )

    @staticmethod
    def resolve_attributes(
        root: Any,
        info: graphene.ResolveInfo,
        filter: dict[str, Any] | None = None,
        search: str | None = None,
        sort_by: dict[str, Any] | None = None,
        channel: str | None = None,
        **args: Any,
    ) -> Any:
        qs = attribute_queryset(filter or {}, search, sort_by)
        return paginate(qs, AttributeCountableConnection, args, name="attributes")
