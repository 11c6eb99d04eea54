from __future__ import annotations

from typing import Any

import graphene

from catalog.models import ProductVariant as VariantModel
from catalog.stock_levels import do_create_stocks
from catalog.units import do_with_variant
from storefront_api.catalog.mutations.common import StockErrorsMixin, StockInput, variant_editor
from storefront_api.catalog.mutations.errors import BulkStockError
from storefront_api.catalog.mutations.stock_lines import stock_lines
from storefront_api.catalog.types import ProductVariant
from storefront_api.core.mutation import decode_id, require_user


class ProductVariantStocksCreate(StockErrorsMixin):
    """Creates stocks for a variant of the caller's seller's product."""

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
        variant_id = graphene.ID(
            required=True, description="ID of a product variant for which stocks will be created."
        )
        stocks = graphene.List(
            graphene.NonNull(StockInput),
            required=True,
            description="Input list of stocks to create.",
        )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, variant_id: str, stocks: list[dict[str, Any]], **_: Any
    ) -> ProductVariantStocksCreate:
        user = require_user(info)
        pk = decode_id(variant_id, "ProductVariant", "variantId")
        return do_with_variant(
            pk, variant_editor("variantId", user), lambda variant: cls.change(variant, stocks)
        )

    @classmethod
    def change(
        cls, variant: VariantModel, stocks: list[dict[str, Any]]
    ) -> ProductVariantStocksCreate:
        do_create_stocks(variant, stock_lines(stocks))
        return cls.success(product_variant=variant)
