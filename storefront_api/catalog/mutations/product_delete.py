from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy

from catalog.models import Product as ProductModel
from catalog.product_editing import do_delete_product
from catalog.units import do_with_product
from core.errors import fail
from storefront_api.catalog.mutations.common import product_editor
from storefront_api.catalog.mutations.errors import ProductError
from storefront_api.catalog.types import Product
from storefront_api.core.mutation import BaseMutation, decode_id, require_user


class ProductDelete(BaseMutation):
    """Deletes a product of the caller's seller."""

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
        id = graphene.ID(description="ID of a product to delete.")
        external_reference = graphene.String(description="External ID (not supported).")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str | None = None, **_: Any
    ) -> ProductDelete:
        user = require_user(info)
        if not id:
            fail("id", gettext_lazy("Provide the product ID."), "REQUIRED")
        pk = decode_id(id, "Product", "id")

        def delete(product: ProductModel) -> ProductModel:
            do_delete_product(product)
            return product

        product = do_with_product(pk, product_editor("id", user), delete)
        # Saleor returns the deleted product with its former ID.
        product.pk = pk
        return cls.success(product=product)
