from __future__ import annotations

from typing import Any

import graphene

from catalog.models import ProductVariant as VariantModel
from catalog.stock_levels import do_update_stocks
from catalog.units import do_with_variant
from core.errors import fail
from storefront_api.catalog.mutations.common import (
    StockErrorsMixin,
    StockInput,
    variant_editor,
    variant_pk,
)
from storefront_api.catalog.mutations.errors import BulkStockError
from storefront_api.catalog.mutations.stock_lines import stock_lines
from storefront_api.catalog.types import ProductVariant
from storefront_api.core.mutation import require_user


class ProductVariantStocksUpdate(StockErrorsMixin):
    """Update stocks for a variant of the caller's seller's product (created if missing)."""

    product_variant = graphene.Field(ProductVariant)
    bulk_stock_errors = graphene.List(
        graphene.NonNull(BulkStockError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
    errors = graphene.List(graphene.NonNull(BulkStockError), required=True)

    error_type = BulkStockError
    error_fields = ("errors", "bulk_stock_errors")

    class Arguments:
        sku = graphene.String(
            description="SKU of product variant for which stocks will be updated."
        )
        stocks = graphene.List(
            graphene.NonNull(StockInput),
            required=True,
            description="Input list of stocks to create or update.",
        )
        variant_id = graphene.ID(
            description="ID of a product variant for which stocks will be updated."
        )

    @classmethod
    def perform_mutation(
        cls,
        info: graphene.ResolveInfo,
        stocks: list[dict[str, Any]],
        variant_id: str | None = None,
        sku: str | None = None,
        **_: Any,
    ) -> ProductVariantStocksUpdate:
        user = require_user(info)
        if bool(variant_id) == bool(sku):
            fail(
                "variantId",
                "Argument 'variantId' or 'sku' must be provided (exactly one).",
                "GRAPHQL_ERROR",
            )
        pk, field = variant_pk(variant_id, sku, "variantId")
        return do_with_variant(
            pk, variant_editor(field, user), lambda variant: cls.change(variant, stocks)
        )

    @classmethod
    def change(
        cls, variant: VariantModel, stocks: list[dict[str, Any]]
    ) -> ProductVariantStocksUpdate:
        do_update_stocks(variant, stock_lines(stocks))
        return cls.success(product_variant=variant)
