from __future__ import annotations

from typing import Any

import graphene

from catalog.channel_listings import VariantPrice, do_update_variant_prices
from catalog.models import ProductVariant as VariantModel
from catalog.units import do_with_variant
from core.errors import fail
from storefront_api.catalog.mutations.common import (
    ChannelListingErrorsMixin,
    resolve_channel_id,
    variant_editor,
    variant_pk,
)
from storefront_api.catalog.mutations.errors import ProductChannelListingError
from storefront_api.catalog.types import ProductVariant
from storefront_api.core.errors import FieldError, ValidationErrors
from storefront_api.core.mutation import require_user
from storefront_api.core.scalars import PositiveDecimal


class ProductVariantChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="ID of a channel.")
    price = PositiveDecimal(
        required=True, description="Price of the particular variant in channel."
    )
    cost_price = PositiveDecimal(description="Cost price of the variant in channel.")
    prior_price = PositiveDecimal(description="The previous price of the variant in channel.")
    preorder_threshold = graphene.Int(deprecation_reason="Preorder is deprecated.")


class ProductVariantChannelListingUpdate(ChannelListingErrorsMixin):
    """Manage product variant prices in channels."""

    variant = graphene.Field(ProductVariant)
    product_channel_listing_errors = graphene.List(
        graphene.NonNull(ProductChannelListingError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
    errors = graphene.List(graphene.NonNull(ProductChannelListingError), required=True)

    error_type = ProductChannelListingError
    error_fields = ("errors", "product_channel_listing_errors")

    class Arguments:
        id = graphene.ID(description="ID of a product variant to update.")
        sku = graphene.String(description="SKU of a product variant to update.")
        input = graphene.List(
            graphene.NonNull(ProductVariantChannelListingAddInput),
            required=True,
            description="List of fields required to create or upgrade product variant channel "
            "listings.",
        )

    @classmethod
    def perform_mutation(
        cls,
        info: graphene.ResolveInfo,
        input: list[dict[str, Any]],
        id: str | None = None,
        sku: str | None = None,
        **_: Any,
    ) -> ProductVariantChannelListingUpdate:
        user = require_user(info)
        if bool(id) == bool(sku):
            fail("id", "Argument 'id' or 'sku' must be provided (exactly one).", "GRAPHQL_ERROR")
        pk, field = variant_pk(id, sku)
        return do_with_variant(
            pk, variant_editor(field, user), lambda variant: cls.change(variant, input)
        )

    @classmethod
    def change(
        cls, variant: VariantModel, input: list[dict[str, Any]]
    ) -> ProductVariantChannelListingUpdate:
        errors: list[FieldError] = []
        prices = []
        for index, item in enumerate(input):
            try:
                channel = resolve_channel_id(item["channel_id"], "channelId", index)
            except ValidationErrors as error:
                errors += error.errors
                continue
            prices.append(
                VariantPrice(
                    index=index,
                    channel=channel,
                    price=item["price"],
                    cost_price=item.get("cost_price"),
                )
            )
        if errors:
            raise ValidationErrors(errors)
        do_update_variant_prices(variant, prices)
        return cls.success(variant=variant)
