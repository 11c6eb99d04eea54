from __future__ import annotations

from typing import Any

import graphene

from catalog.models import ProductVariant as VariantModel
from catalog.product_editing import clean_variant, do_update_variant, raise_if
from catalog.units import do_with_variant
from core.errors import fail
from storefront_api.catalog.mutations.common import (
    AttributeValueInput,
    variant_editor,
    variant_input_fields,
    variant_pk,
)
from storefront_api.catalog.mutations.errors import ProductError
from storefront_api.catalog.types import ProductVariant
from storefront_api.core.mutation import BaseMutation, require_user

ProductVariantInput = type(
    "ProductVariantInput",
    (graphene.InputObjectType,),
    {
        **variant_input_fields(),
        "attributes": graphene.List(graphene.NonNull(AttributeValueInput)),
    },
)


class ProductVariantUpdate(BaseMutation):
    """Updates an existing variant of a product of the caller's seller."""

    product_variant = graphene.Field(ProductVariant)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)
    product_errors = graphene.List(
        graphene.NonNull(ProductError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )

    error_type = ProductError
    error_fields = ("errors", "product_errors")

    class Arguments:
        id = graphene.ID(description="ID of a product variant to update.")
        external_reference = graphene.String(description="External ID (not supported).")
        sku = graphene.String(description="SKU of a product variant to update.")
        input = ProductVariantInput(
            required=True, description="Fields required to update a product variant."
        )

    @classmethod
    def perform_mutation(
        cls,
        info: graphene.ResolveInfo,
        input: dict[str, Any],
        id: str | None = None,
        sku: str | None = None,
        **_: Any,
    ) -> ProductVariantUpdate:
        user = require_user(info)
        if bool(id) == bool(sku):
            fail("id", "Argument 'id' or 'sku' must be provided (exactly one).", "GRAPHQL_ERROR")
        pk, field = variant_pk(id, sku)
        return do_with_variant(
            pk, variant_editor(field, user), lambda variant: cls.change(variant, input)
        )

    @classmethod
    def change(cls, variant: VariantModel, input: dict[str, Any]) -> ProductVariantUpdate:
        cleaned, errors = clean_variant(input, variant=variant)
        raise_if(errors)
        return cls.success(product_variant=do_update_variant(variant, cleaned))
