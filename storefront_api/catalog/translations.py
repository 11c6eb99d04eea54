"""Translations in Saleor's shape: `LanguageCodeEnum` (every language Saleor lists, read from
`catalog.languages`), `LanguageDisplay`, and the `*Translation` types of products, variants,
categories and collections with the `translation(languageCode:)` field that reads them.

Vietnamese is each row's own text, so `translation(languageCode: VI)` is null, as Saleor
answers for a language nobody translated into; storefronts read `translation?.name ?? name`.
List resolvers prefetch the rows' `translations` (`lookups.prepare_products`), so the field
reads them without a query per object.
"""

from __future__ import annotations

from typing import Any

import graphene

from catalog import models
from catalog.languages import enum_name, language_name, languages
from catalog.translations import translation_in
from storefront_api.catalog.rich_text import editorjs
from storefront_api.core.mutation import enum_value

LanguageCodeEnum = graphene.Enum(
    "LanguageCodeEnum", [(enum_name(code), code) for code in languages()]
)


class LanguageDisplay(graphene.ObjectType):
    code = graphene.Field(LanguageCodeEnum, required=True)
    language = graphene.String(required=True, description="Full name of the language.")

    @staticmethod
    def resolve_code(root: str, info: graphene.ResolveInfo) -> str:
        return root

    @staticmethod
    def resolve_language(root: str, info: graphene.ResolveInfo) -> str:
        return language_name(root)


def global_id_of(type_name: str) -> Any:
    def resolve_id(root: Any, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id(type_name, root.pk)

    return staticmethod(resolve_id)


class TranslationFields:
    """Resolvers shared by every translation type (the root is a model translation)."""

    @staticmethod
    def resolve_language(root: Any, info: graphene.ResolveInfo) -> str:
        return str(root.language_code)

    @staticmethod
    def resolve_name(root: Any, info: graphene.ResolveInfo) -> Any:
        return root.name or None


class SeoTranslationFields(graphene.ObjectType):
    id = graphene.ID(required=True)
    language = graphene.Field(LanguageDisplay, required=True)
    seo_title = graphene.String()
    seo_description = graphene.String()
    slug = graphene.String()
    name = graphene.String()
    description = graphene.JSONString(description="Rich text (EditorJS JSON).")
    description_json = graphene.JSONString(
        deprecation_reason="Use the `description` field instead."
    )

    class Meta:
        abstract = True

    @staticmethod
    def resolve_seo_title(root: Any, info: graphene.ResolveInfo) -> Any:
        return root.seo_title or None

    @staticmethod
    def resolve_seo_description(root: Any, info: graphene.ResolveInfo) -> Any:
        return root.seo_description or None

    @staticmethod
    def resolve_description(root: Any, info: graphene.ResolveInfo) -> Any:
        return editorjs(root.description)

    @staticmethod
    def resolve_description_json(root: Any, info: graphene.ResolveInfo) -> Any:
        return editorjs(root.description)


class ProductTranslation(SeoTranslationFields, TranslationFields):
    resolve_id = global_id_of("ProductTranslation")


class CategoryTranslation(SeoTranslationFields, TranslationFields):
    resolve_id = global_id_of("CategoryTranslation")


class CollectionTranslation(SeoTranslationFields, TranslationFields):
    resolve_id = global_id_of("CollectionTranslation")


class ProductVariantTranslation(graphene.ObjectType, TranslationFields):
    resolve_id = global_id_of("ProductVariantTranslation")

    id = graphene.ID(required=True)
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String(required=True)

    @staticmethod
    def resolve_name(root: models.ProductVariantTranslation, info: graphene.ResolveInfo) -> str:
        # Saleor's name is required: an untranslated variant name reads as its own.
        return root.name or root.variant.name


def translation_field(of: type[graphene.ObjectType]) -> graphene.Field:
    return graphene.Field(
        of,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated object fields for the provided language code.",
    )


def read_translation(row: Any, language_code: Any) -> Any:
    """`row`'s translation into `language_code`, from its (prefetched) translations."""
    return translation_in(row.translations.all(), str(enum_value(language_code)))
