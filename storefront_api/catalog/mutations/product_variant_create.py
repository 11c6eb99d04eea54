from __future__ import annotations

from typing import Any

import graphene

from catalog.models import Product as ProductModel
from catalog.product_editing import clean_variant, do_create_variant, raise_if
from catalog.stock_levels import do_create_stocks
from catalog.units import do_with_product
from storefront_api.catalog.mutations.common import (
    AttributeValueInput,
    StockInput,
    product_editor,
    variant_input_fields,
)
from storefront_api.catalog.mutations.errors import ProductError
from storefront_api.catalog.mutations.stock_lines import stock_lines
from storefront_api.catalog.types import ProductVariant
from storefront_api.core.mutation import BaseMutation, decode_id, require_user

ProductVariantCreateInput = type(
    "ProductVariantCreateInput",
    (graphene.InputObjectType,),
    {
        **variant_input_fields(),
        "attributes": graphene.List(
            graphene.NonNull(AttributeValueInput),
            required=True,
            description="List of attributes specific to this variant (ignored for now).",
        ),
        "product": graphene.ID(
            required=True, description="Product ID of which type is the variant."
        ),
        "stocks": graphene.List(
            graphene.NonNull(StockInput), description="Stocks of a product available for sale."
        ),
    },
)


class ProductVariantCreate(BaseMutation):
    """Creates a new variant for a product of the caller's seller."""

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
        input = ProductVariantCreateInput(
            required=True, description="Fields required to create a product variant."
        )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> ProductVariantCreate:
        user = require_user(info)
        pk = decode_id(input["product"], "Product", "product")
        return do_with_product(
            pk, product_editor("product", user), lambda product: cls.change(product, input)
        )

    @classmethod
    def change(cls, product: ProductModel, input: dict[str, Any]) -> ProductVariantCreate:
        cleaned, errors = clean_variant(input, variant=None)
        raise_if(errors)
        variant = do_create_variant(product, cleaned)
        if input.get("stocks"):
            do_create_stocks(variant, stock_lines(input["stocks"]))
        variant.product = product
        return cls.success(product_variant=variant)
