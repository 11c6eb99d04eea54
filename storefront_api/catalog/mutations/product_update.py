from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy

from catalog.models import Product as ProductModel
from catalog.product_editing import clean_product, do_update_product, raise_if
from catalog.units import do_with_product
from core.errors import fail
from storefront_api.catalog.mutations.common import (
    product_editor,
    product_input_fields,
)
from storefront_api.catalog.mutations.errors import ProductError
from storefront_api.catalog.mutations.product_create import resolve_references
from storefront_api.catalog.types import Product
from storefront_api.core.mutation import BaseMutation, decode_id, require_user

ProductInput = type("ProductInput", (graphene.InputObjectType,), product_input_fields())


class ProductUpdate(BaseMutation):
    """Updates an existing product of the caller's seller."""

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
        id = graphene.ID(description="ID of a product to update.")
        external_reference = graphene.String(description="External ID (not supported).")
        input = ProductInput(required=True, description="Fields required to update a product.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], id: str | None = None, **_: Any
    ) -> ProductUpdate:
        user = require_user(info)
        if not id:
            fail("id", gettext_lazy("Provide the product ID."), "REQUIRED")
        pk = decode_id(id, "Product", "id")

        def update(product: ProductModel) -> ProductModel:
            data, errors = resolve_references(input)
            data.pop("product_type", None)
            cleaned, more = clean_product(data, product=product)
            raise_if(errors + more)
            return do_update_product(product, cleaned)

        return cls.success(product=do_with_product(pk, product_editor("id", user), update))
