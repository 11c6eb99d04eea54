from __future__ import annotations

from typing import Any

import graphene

from catalog.product_editing import (
    clean_product,
    do_create_product,
    raise_if,
    resolve_category,
    resolve_product_type,
)
from core.errors import ValidationErrors
from storefront_api.catalog.mutations.common import (
    product_input_fields,
    seller_for_new_product,
)
from storefront_api.catalog.mutations.errors import ProductError
from storefront_api.catalog.types import Product
from storefront_api.core.errors import FieldError
from storefront_api.core.mutation import BaseMutation, decode_id, not_found, require_user

ProductCreateInput = type(
    "ProductCreateInput",
    (graphene.InputObjectType,),
    {
        **product_input_fields(),
        "product_type": graphene.ID(required=True, description="ID of the type of product."),
        "seller": graphene.ID(
            description="OCOP: the seller, when the caller is staff of several sellers."
        ),
    },
)


def resolve_references(input: dict[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """Product type and category IDs → rows, collecting errors like Saleor does."""
    data = dict(input)
    errors: list[FieldError] = []
    for key, field, type_name, resolve in (
        ("product_type", "productType", "ProductType", resolve_product_type),
        ("category", "category", "Category", resolve_category),
    ):
        if key not in data:
            continue
        if data[key] is None:
            continue
        try:
            found = resolve(decode_id(data[key], type_name, field))
            if found is None:
                not_found(field, type_name)
            data[key] = found
        except ValidationErrors as error:
            errors += error.errors
            data.pop(key)
    return data, errors


class ProductCreate(BaseMutation):
    """Creates a new product for the caller's seller (unpublished until listed)."""

    product = graphene.Field(Product)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)
    product_errors = graphene.List(
        graphene.NonNull(ProductError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )

    error_type = ProductError
    error_fields = ("errors", "product_errors")

    class Arguments:
        input = ProductCreateInput(
            required=True, description="Fields required to create a product."
        )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> ProductCreate:
        user = require_user(info)
        seller = seller_for_new_product(user, input.get("seller"))
        data, errors = resolve_references(input)
        cleaned, more = clean_product(data, product=None)
        raise_if(errors + more)
        return cls.success(product=do_create_product(seller, cleaned))
