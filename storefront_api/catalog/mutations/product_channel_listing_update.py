from __future__ import annotations

from typing import Any

import graphene

from catalog.channel_listings import ChannelUpdate, do_update_product_channels
from catalog.models import Product as ProductModel
from catalog.product_editing import ItemError
from catalog.units import do_with_product
from storefront_api.catalog.mutations.common import (
    ChannelListingErrorsMixin,
    product_editor,
    resolve_channel_id,
)
from storefront_api.catalog.mutations.errors import ProductChannelListingError
from storefront_api.catalog.types import Product
from storefront_api.core.errors import FieldError, ValidationErrors
from storefront_api.core.mutation import decode_id, require_user


class ProductChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="ID of a channel.")
    is_published = graphene.Boolean(description="Determines if object is visible to customers.")
    publication_date = graphene.Date(deprecation_reason="Use `publishedAt` field instead.")
    published_at = graphene.DateTime(description="Publication date time.")
    visible_in_listings = graphene.Boolean()
    is_available_for_purchase = graphene.Boolean()
    available_for_purchase_date = graphene.Date(
        deprecation_reason="Use `availableForPurchaseAt` field instead."
    )
    available_for_purchase_at = graphene.DateTime()
    add_variants = graphene.List(graphene.NonNull(graphene.ID))
    remove_variants = graphene.List(graphene.NonNull(graphene.ID))


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(
        graphene.NonNull(ProductChannelListingAddInput),
        description="List of channels to which the product should be assigned or updated.",
    )
    remove_channels = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of channels from which the product should be unassigned.",
    )


def _variant_pks(values: list[str] | None, field: str, index: int) -> list[int]:
    pks = []
    for value in values or []:
        try:
            pks.append(decode_id(value, "ProductVariant", field))
        except ValidationErrors as failure:
            raise ValidationErrors(
                ItemError(e.field, e.text, e.code, e.params, index=index) for e in failure.errors
            ) from None
    return pks


class ProductChannelListingUpdate(ChannelListingErrorsMixin):
    """Manage product's availability in channels (publish it for customers)."""

    product = graphene.Field(Product)
    product_channel_listing_errors = graphene.List(
        graphene.NonNull(ProductChannelListingError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
    errors = graphene.List(graphene.NonNull(ProductChannelListingError), required=True)

    error_type = ProductChannelListingError
    error_fields = ("errors", "product_channel_listing_errors")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product to update.")
        input = ProductChannelListingUpdateInput(
            required=True,
            description="Fields required to create or update product channel listings.",
        )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, input: dict[str, Any], **_: Any
    ) -> ProductChannelListingUpdate:
        user = require_user(info)
        pk = decode_id(id, "Product", "id")
        return do_with_product(
            pk, product_editor("id", user), lambda product: cls.change(product, input)
        )

    @classmethod
    def change(cls, product: ProductModel, input: dict[str, Any]) -> ProductChannelListingUpdate:
        errors: list[FieldError] = []
        updates: list[ChannelUpdate] = []
        for index, item in enumerate(input.get("update_channels") or []):
            try:
                updates.append(
                    ChannelUpdate(
                        index=index,
                        channel=resolve_channel_id(item["channel_id"], "channelId", index),
                        is_published=item.get("is_published"),
                        published_at=item.get("published_at"),
                        visible_in_listings=item.get("visible_in_listings"),
                        is_available_for_purchase=item.get("is_available_for_purchase"),
                        available_for_purchase_at=item.get("available_for_purchase_at"),
                        add_variants=_variant_pks(item.get("add_variants"), "addVariants", index),
                        remove_variants=_variant_pks(
                            item.get("remove_variants"), "removeVariants", index
                        ),
                    )
                )
            except ValidationErrors as error:
                errors += error.errors
        remove = []
        for value in input.get("remove_channels") or []:
            try:
                remove.append(resolve_channel_id(value, "removeChannels"))
            except ValidationErrors as error:
                errors += error.errors
        if errors:
            raise ValidationErrors(errors)
        do_update_product_channels(product, updates, remove)
        return cls.success(product=product)
