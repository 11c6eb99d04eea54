"""Saleor 3.23's attribute types: `Attribute`, `AttributeValue`, their translations and
enums (the `AssignedAttribute` types are in assigned_attribute_types.py).

Their roots are `catalog.attributes` objects (computed from the label facts) and
`Attribute`/`AttributeValue` rows loaded once per request (`catalogue`): only
`Attribute.choices`, a connection of its own, queries. This module imports no other
catalog type (types.py imports it); the language enum is named by its import path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from django.db.models import Q
from graphene import relay
from graphene_django import DjangoObjectType
from graphql import GraphQLError
from graphql.language import ast

from catalog import models
from catalog.attributes import (
    Assigned,
    AttributeCatalogue,
    Choice,
    attribute_name,
    load_catalogue,
)
from storefront_api.catalog.translations import LanguageDisplay
from storefront_api.core.connection import CountableConnection, paginate
from storefront_api.core.enums import enum_from_choices

LANGUAGE = "storefront_api.catalog.types.LanguageCodeEnum"


def language_of(code: Any) -> str:
    """ "vi" from the enum member, its value or a Saleor code like "VI" / "EN_US"."""
    value = str(getattr(code, "value", code) or "")
    return value.split("_")[0].split("-")[0].lower()


def catalogue(info: graphene.ResolveInfo) -> AttributeCatalogue:
    """The attributes, loaded once per request (three queries), whatever the page size."""
    context = info.context
    found = getattr(context, "_ocop_attribute_catalogue", None)
    if found is None:
        found = load_catalogue()
        context._ocop_attribute_catalogue = found
    return found


class PositiveInt(graphene.Scalar):
    """Saleor's PositiveInt: an integer above 0."""

    @staticmethod
    def serialize(value: Any) -> int:
        return int(value)

    @staticmethod
    def parse_value(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise GraphQLError(f"PositiveInt cannot represent value: {value!r}")
        return value

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> int:
        if isinstance(node, ast.IntValueNode):
            return cls.parse_value(int(node.value))
        raise GraphQLError("PositiveInt cannot represent a non-integer value")


# The input types the label facts use come from the model; the rest are Saleor's, for
# storefronts that switch over every value.
AttributeInputTypeEnum = enum_from_choices(
    models.AttributeInputType,
    name="AttributeInputTypeEnum",
    saleor_only=(
        "FILE",
        "REFERENCE",
        "SINGLE_REFERENCE",
        "RICH_TEXT",
        "SWATCH",
        "DATE",
        "DATE_TIME",
    ),
    order=(
        "DROPDOWN",
        "MULTISELECT",
        "FILE",
        "REFERENCE",
        "SINGLE_REFERENCE",
        "NUMERIC",
        "RICH_TEXT",
        "PLAIN_TEXT",
        "SWATCH",
        "BOOLEAN",
        "DATE",
        "DATE_TIME",
    ),
)


class AttributeEntityTypeEnum(graphene.Enum):
    PAGE = "PAGE"
    PRODUCT = "PRODUCT"
    PRODUCT_VARIANT = "PRODUCT_VARIANT"
    CATEGORY = "CATEGORY"
    COLLECTION = "COLLECTION"


class AttributeTypeEnum(graphene.Enum):
    PRODUCT_TYPE = "PRODUCT_TYPE"
    PAGE_TYPE = "PAGE_TYPE"
    CUSTOMER_TYPE = "CUSTOMER_TYPE"


# Saleor's MeasurementUnitsEnum, every unit (a space-separated list keeps it short).
MEASUREMENT_UNITS = (
    "MM CM DM M KM FT YD INCH SQ_MM SQ_CM SQ_DM SQ_M SQ_KM SQ_FT SQ_YD SQ_INCH "
    "CUBIC_MILLIMETER CUBIC_CENTIMETER CUBIC_DECIMETER CUBIC_METER LITER CUBIC_FOOT "
    "CUBIC_INCH CUBIC_YARD QT PINT FL_OZ ACRE_IN ACRE_FT G LB OZ KG TONNE"
)
MeasurementUnitsEnum = graphene.Enum(
    "MeasurementUnitsEnum", [(unit, unit) for unit in MEASUREMENT_UNITS.split(" ")]
)


class VariantAttributeScope(graphene.Enum):
    ALL = "ALL"
    VARIANT_SELECTION = "VARIANT_SELECTION"
    NOT_VARIANT_SELECTION = "NOT_VARIANT_SELECTION"


class File(graphene.ObjectType):
    url = graphene.String(required=True)
    content_type = graphene.String()


@dataclass(frozen=True)
class Translated:
    """A translation row's view: the id of what it translates, its language and name."""

    id: str
    code: str
    name: str
    plain_text: str | None = None


class AttributeTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String(required=True)

    class Meta:
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_language(root: Translated, info: graphene.ResolveInfo) -> Any:
        return root.code  # LanguageDisplay resolves a code


class AttributeValueTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String(required=True)
    rich_text = graphene.JSONString()
    plain_text = graphene.String()

    class Meta:
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_language(root: Translated, info: graphene.ResolveInfo) -> Any:
        return root.code  # LanguageDisplay resolves a code


@dataclass(frozen=True)
class ValueView:
    """An `AttributeValue` as shown: a choice, or a plain text fact."""

    id: str
    name: str
    slug: str
    input_type: str
    plain_text: str | None = None
    choice: Choice | None = None


def value_views(assigned: Assigned) -> list[ValueView]:
    kind = assigned.attribute.input_type
    if assigned.choices:
        return [
            ValueView(
                id=str(c.value.pk) if c.value is not None else f"{assigned.id_key}-{c.slug}",
                name=c.name,
                slug=c.slug,
                input_type=kind,
                choice=c,
            )
            for c in assigned.choices
        ]
    return [
        ValueView(
            id=assigned.id_key,
            name=assigned.text[:250],
            slug=f"{assigned.id_key}-{assigned.attribute.slug}",
            input_type=kind,
            plain_text=assigned.text,
        )
    ]


class AttributeValue(graphene.ObjectType):
    name = graphene.String()
    slug = graphene.String()
    value = graphene.String()
    translation = graphene.Field(
        AttributeValueTranslation, language_code=graphene.Argument(LANGUAGE, required=True)
    )
    input_type = graphene.Field(AttributeInputTypeEnum)
    reference = graphene.ID()
    file = graphene.Field(File)
    rich_text = graphene.JSONString()
    plain_text = graphene.String()
    boolean = graphene.Boolean()
    date = graphene.Date()
    date_time = graphene.DateTime()
    external_reference = graphene.String()

    class Meta:
        interfaces = (relay.Node,)

    @staticmethod
    def resolve_value(root: ValueView, info: graphene.ResolveInfo) -> str | None:
        # Saleor: a swatch's colour or a numeric's number; ours have neither.
        return None

    @staticmethod
    def resolve_translation(
        root: ValueView, info: graphene.ResolveInfo, language_code: Any
    ) -> Translated | None:
        code = language_of(language_code)
        name = root.choice.translated(code) if root.choice is not None else None
        return None if name is None else Translated(id=root.id, code=code, name=name)


class AttributeValueCountableConnection(CountableConnection):
    class Meta:
        node = AttributeValue


def choice_view(value: models.AttributeValue, input_type: str) -> ValueView:
    return ValueView(
        id=str(value.pk),
        name=value.name,
        slug=value.slug,
        input_type=input_type,
        choice=Choice(value.slug, value.name, value),
    )


class AttributeValueFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class Attribute(DjangoObjectType):
    input_type = graphene.Field(AttributeInputTypeEnum)
    entity_type = graphene.Field(AttributeEntityTypeEnum)
    type = graphene.Field(AttributeTypeEnum, required=True)
    unit = graphene.Field(MeasurementUnitsEnum)
    choices = relay.ConnectionField(
        AttributeValueCountableConnection,
        filter=AttributeValueFilterInput(),
        search=graphene.String(),
    )
    value_required = graphene.Boolean(required=True)
    visible_in_storefront = graphene.Boolean(required=True)
    filterable_in_storefront = graphene.Boolean(required=True)
    filterable_in_dashboard = graphene.Boolean(required=True)
    available_in_grid = graphene.Boolean(required=True)
    storefront_search_position = graphene.Int(required=True)
    translation = graphene.Field(
        AttributeTranslation, language_code=graphene.Argument(LANGUAGE, required=True)
    )
    with_choices = graphene.Boolean(required=True)
    external_reference = graphene.String()

    class Meta:
        model = models.Attribute
        interfaces = (relay.Node,)
        fields = ("id", "name", "slug")

    @staticmethod
    def resolve_input_type(root: models.Attribute, info: graphene.ResolveInfo) -> str:
        return str(root.input_type)

    @staticmethod
    def resolve_type(root: models.Attribute, info: graphene.ResolveInfo) -> str:
        return "PRODUCT_TYPE"

    @staticmethod
    def resolve_unit(root: models.Attribute, info: graphene.ResolveInfo) -> str | None:
        return root.unit or None

    @staticmethod
    def resolve_with_choices(root: models.Attribute, info: graphene.ResolveInfo) -> bool:
        return root.input_type in (
            models.AttributeInputType.DROPDOWN,
            models.AttributeInputType.MULTISELECT,
        )

    @staticmethod
    def resolve_filterable_in_dashboard(root: models.Attribute, info: Any) -> bool:
        return root.filterable_in_storefront

    @staticmethod
    def resolve_available_in_grid(root: models.Attribute, info: Any) -> bool:
        return True

    @staticmethod
    def resolve_storefront_search_position(root: models.Attribute, info: Any) -> int:
        return root.sort_order

    @staticmethod
    def resolve_translation(
        root: models.Attribute, info: graphene.ResolveInfo, language_code: Any
    ) -> Translated | None:
        code = language_of(language_code)
        name = attribute_name(root, code)
        return None if name is None else Translated(id=str(root.pk), code=code, name=name)

    @staticmethod
    def resolve_choices(
        root: models.Attribute,
        info: graphene.ResolveInfo,
        filter: dict[str, Any] | None = None,
        search: str | None = None,
        **args: Any,
    ) -> Any:
        if not Attribute.resolve_with_choices(root, info):
            return None
        qs = models.AttributeValue.objects.filter(attribute=root).prefetch_related("translations")
        flt = filter or {}
        if search or flt.get("search"):
            text = search or flt["search"]
            qs = qs.filter(Q(name__icontains=text) | Q(slug__icontains=text))
        if flt.get("slugs"):
            qs = qs.filter(slug__in=flt["slugs"])
        if flt.get("ids"):
            ids = [relay.Node.from_global_id(i)[1] for i in flt["ids"]]
            qs = qs.filter(pk__in=[int(i) for i in ids if str(i).isdigit()])
        kind = str(root.input_type)
        return paginate(
            qs.order_by("sort_order", "slug", "pk"),
            AttributeValueCountableConnection,
            args,
            name="choices",
            prepare=lambda items: [choice_view(v, kind) for v in items],
        )


class AttributeCountableConnection(CountableConnection):
    class Meta:
        node = Attribute
