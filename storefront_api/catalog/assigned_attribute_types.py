"""Saleor 3.23's `SelectedAttribute` and the `AssignedAttribute` interface with its typed
implementations, over `catalog.attributes.Assigned` (no resolver here queries)."""

from __future__ import annotations

from typing import Any

import graphene

from catalog import models
from catalog.attributes import Assigned, Choice
from storefront_api.catalog.attribute_types import (
    LANGUAGE,
    Attribute,
    AttributeValue,
    File,
    PositiveInt,
    ValueView,
    language_of,
    value_views,
)


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True)
    values = graphene.List(graphene.NonNull(AttributeValue), required=True)

    @staticmethod
    def resolve_values(root: Assigned, info: graphene.ResolveInfo) -> list[ValueView]:
        return value_views(root)


class AssignedAttribute(graphene.Interface):
    attribute = graphene.Field(Attribute, required=True)

    @classmethod
    def resolve_type(cls, instance: Assigned, info: graphene.ResolveInfo) -> Any:
        kind = instance.attribute.input_type
        if kind == models.AttributeInputType.MULTISELECT:
            return AssignedMultiChoiceAttribute
        if kind == models.AttributeInputType.DROPDOWN:
            return AssignedSingleChoiceAttribute
        if kind == models.AttributeInputType.NUMERIC:
            return AssignedNumericAttribute
        if kind == models.AttributeInputType.BOOLEAN:
            return AssignedBooleanAttribute
        return AssignedPlainTextAttribute


class AssignedChoiceAttributeValue(graphene.ObjectType):
    name = graphene.String()
    slug = graphene.String()
    translation = graphene.String(language_code=graphene.Argument(LANGUAGE, required=True))

    @staticmethod
    def resolve_translation(root: Choice, info: graphene.ResolveInfo, language_code: Any) -> Any:
        return root.translated(language_of(language_code))


class AssignedPlainTextAttribute(graphene.ObjectType):
    value = graphene.String()
    translation = graphene.String(language_code=graphene.Argument(LANGUAGE, required=True))

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> str:
        return root.text

    @staticmethod
    def resolve_translation(root: Assigned, info: graphene.ResolveInfo, language_code: Any) -> Any:
        # A label fact is written once, in the label's own language (Vietnamese).
        return root.text if language_of(language_code) == "vi" else None


class AssignedNumericAttribute(graphene.ObjectType):
    value = graphene.Float()

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> float | None:
        try:
            return float(root.text.replace(",", "."))
        except ValueError:
            return None


class AssignedBooleanAttribute(graphene.ObjectType):
    value = graphene.Boolean()

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> bool:
        return root.text.lower() in ("true", "1", "yes", "có")


class AssignedFileAttribute(graphene.ObjectType):
    value = graphene.Field(File)

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> None:
        return None


class AssignedSingleChoiceAttribute(graphene.ObjectType):
    value = graphene.Field(AssignedChoiceAttributeValue)

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> Choice | None:
        return next(iter(root.choices), None)


class AssignedMultiChoiceAttribute(graphene.ObjectType):
    value = graphene.List(
        graphene.NonNull(AssignedChoiceAttributeValue),
        required=True,
        limit=graphene.Argument(PositiveInt, default_value=100),
    )

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo, limit: int = 100) -> Any:
        return list(root.choices[:limit])


class AssignedSingleCollectionReferenceAttribute(graphene.ObjectType):
    value = graphene.Field("storefront_api.catalog.types.Collection")

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> None:
        return None


# The implementations no field names directly: the schema must list them (schema.py).
ATTRIBUTE_TYPES = [
    AssignedPlainTextAttribute,
    AssignedNumericAttribute,
    AssignedBooleanAttribute,
    AssignedFileAttribute,
    AssignedSingleChoiceAttribute,
    AssignedMultiChoiceAttribute,
    AssignedSingleCollectionReferenceAttribute,
]
