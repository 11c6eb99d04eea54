"""Saleor's `productTranslate`: a product's name, slug, description and SEO texts in another
language. The product's seller's members and officers of its province may translate it
(Saleor: MANAGE_TRANSLATIONS); the domain is `catalog.translations`."""

from __future__ import annotations

from typing import Any

import graphene

from catalog.models import Product as ProductModel
from catalog.translations import (
    check_can_translate,
    clean_product_translation,
    do_translate_product,
)
from catalog.units import do_with_product
from storefront_api.catalog.translations import LanguageCodeEnum
from storefront_api.catalog.types import Product
from storefront_api.core.context import ChannelContext
from storefront_api.core.errors import error_type
from storefront_api.core.mutation import (
    BaseMutation,
    decode_id,
    enum_value,
    not_found,
    require_user,
)


class TranslationErrorCode(graphene.Enum):
    """Saleor's TranslationErrorCode, plus PERMISSION_DENIED (OCOP: someone who is neither
    the product's seller's staff nor an officer of its province)."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    PERMISSION_DENIED = "PERMISSION_DENIED"


TranslationError = error_type("TranslationError", TranslationErrorCode)


class TranslationInput(graphene.InputObjectType):
    slug = graphene.String()
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String()
    description = graphene.JSONString(description="Translated description (EditorJS JSON).")


class ProductTranslate(BaseMutation):
    """Creates or updates translations for a product."""

    product = graphene.Field(Product)
    errors = graphene.List(graphene.NonNull(TranslationError), required=True)
    translation_errors = graphene.List(
        graphene.NonNull(TranslationError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )

    error_type = TranslationError
    error_fields = ("errors", "translation_errors")

    class Arguments:
        id = graphene.ID(required=True, description="Product ID or ProductTranslatableContent ID.")
        input = TranslationInput(
            required=True, description="Fields required to update product translations."
        )
        language_code = graphene.Argument(
            LanguageCodeEnum, required=True, description="Translation language code."
        )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, input: dict[str, Any], language_code: Any
    ) -> ProductTranslate:
        user = require_user(info)
        pk = decode_id(id, ("Product", "ProductTranslatableContent"), "id")
        code = str(enum_value(language_code))

        def authorize(product: ProductModel | None) -> ProductModel:
            if product is None:
                not_found("id", "Product")
            check_can_translate(user, product)
            return product

        def translate(product: ProductModel) -> ProductModel:
            do_translate_product(product, code, clean_product_translation(product, code, input))
            return product

        product = do_with_product(pk, authorize, translate)
        return cls.success(product=ChannelContext(product, None))


class CatalogTranslationMutations(graphene.ObjectType):
    product_translate = ProductTranslate.Field()
