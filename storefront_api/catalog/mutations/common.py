"""Shared pieces of the catalog mutations: inputs, and loading what the caller may edit.

Sellers' staff edit their own seller's products only; the seller of a new product comes
from the caller's membership (OCOP extension `seller` when they belong to several).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql_relay import to_global_id

from accounts.models import User
from accounts.roles import scope_of
from catalog.models import Channel, Product, ProductVariant
from catalog.product_editing import ItemError
from core.errors import ValidationErrors, fail
from sellers.models import Seller
from storefront_api.core.errors import FieldError
from storefront_api.core.inputs import MetadataInput, PreorderSettingsInput
from storefront_api.core.mutation import BaseMutation, decode_id, denied, not_found
from storefront_api.core.scalars import WeightScalar

IGNORED = "Accepted for Saleor compatibility; not stored."


class AttributeValueSelectableTypeInput(graphene.InputObjectType):
    id = graphene.ID()
    external_reference = graphene.String()
    value = graphene.String()


class AttributeValueInput(graphene.InputObjectType):
    """Saleor's AttributeValueInput. OCOP products have no attributes yet: values are
    accepted and ignored."""

    id = graphene.ID()
    external_reference = graphene.String()
    values = graphene.List(graphene.NonNull(graphene.String))
    dropdown = graphene.Field(AttributeValueSelectableTypeInput)
    swatch = graphene.Field(AttributeValueSelectableTypeInput)
    multiselect = graphene.List(graphene.NonNull(AttributeValueSelectableTypeInput))
    numeric = graphene.String()
    file = graphene.String()
    content_type = graphene.String()
    reference = graphene.ID()
    references = graphene.List(graphene.NonNull(graphene.ID))
    rich_text = graphene.JSONString()
    plain_text = graphene.String()
    boolean = graphene.Boolean()
    date = graphene.Date()
    date_time = graphene.DateTime()


class SeoInput(graphene.InputObjectType):
    title = graphene.String()
    description = graphene.String()


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True, description="Warehouse in which stock is located.")
    quantity = graphene.Int(required=True, description="Quantity of items available for sell.")


def product_input_fields() -> dict[str, Any]:
    return {
        "attributes": graphene.List(graphene.NonNull(AttributeValueInput)),
        "category": graphene.ID(description="ID of the product's category."),
        "collections": graphene.List(
            graphene.NonNull(graphene.ID),
            description="Not for sellers: collections are curated by OCOP officers.",
        ),
        "description": graphene.JSONString(description="Rich text format (EditorJS)."),
        "name": graphene.String(description="Product name."),
        "slug": graphene.String(description="Product slug."),
        "seo": graphene.Field(SeoInput),
        "weight": WeightScalar(description="Weight of the product (grams)."),
        "rating": graphene.Float(description="Not for sellers: ratings come from reviews."),
        "external_reference": graphene.String(),
        "charge_taxes": graphene.Boolean(
            deprecation_reason="Use `Channel.taxConfiguration` to configure whether tax "
            "collection is enabled."
        ),
        "tax_class": graphene.ID(description=IGNORED),
        "tax_code": graphene.String(deprecation_reason="Use tax classes."),
        "metadata": graphene.List(graphene.NonNull(MetadataInput), description=IGNORED),
        "private_metadata": graphene.List(graphene.NonNull(MetadataInput), description=IGNORED),
    }


def variant_input_fields() -> dict[str, Any]:
    return {
        "sku": graphene.String(description="Stock keeping unit."),
        "name": graphene.String(description="Variant name."),
        "track_inventory": graphene.Boolean(),
        "weight": WeightScalar(description="Weight of the variant (grams)."),
        "quantity_limit_per_customer": graphene.Int(description=IGNORED),
        "external_reference": graphene.String(),
        "preorder": graphene.Field(
            PreorderSettingsInput, deprecation_reason="Preorder is deprecated."
        ),
        "metadata": graphene.List(graphene.NonNull(MetadataInput), description=IGNORED),
        "private_metadata": graphene.List(graphene.NonNull(MetadataInput), description=IGNORED),
    }


def check_product_editor(user: User, product: Product, field: str | None = "id") -> None:
    if not scope_of(user).is_member(product.seller_id):
        denied(
            field,
            _("You can change only your own seller's products."),
        )


def product_editor(field: str, user: User) -> Callable[[Product | None], Product]:
    """The check `catalog.units.do_with_product` runs on the locked product: it exists and
    the caller is its seller's staff."""

    def authorize(product: Product | None) -> Product:
        if product is None:
            not_found(field, "Product")
        check_product_editor(user, product, field)
        return product

    return authorize


def variant_editor(field: str, user: User) -> Callable[[ProductVariant | None], ProductVariant]:
    """The check `catalog.units.do_with_variant` runs on the locked variant."""

    def authorize(variant: ProductVariant | None) -> ProductVariant:
        if variant is None:
            not_found(field, "ProductVariant")
        check_product_editor(user, variant.product, field)
        return variant

    return authorize


def variant_pk(id: str | None, sku: str | None, id_field: str = "id") -> tuple[int | None, str]:
    """The variant named by its ID or (Saleor's alternative) its SKU, and the argument's
    name for errors; None when no variant has the SKU."""
    if id:
        return decode_id(id, "ProductVariant", id_field), id_field
    pk = ProductVariant.objects.filter(sku=sku or "").values_list("pk", flat=True).first()
    return pk, "sku"


def seller_for_new_product(user: User, value: Any | None) -> Seller:
    """The caller's seller; with several memberships the `seller` input must say which."""
    scope = scope_of(user)
    if value:
        pk = decode_id(value, "Seller", "seller")
        if not scope.is_member(pk):
            denied("seller", _("You are not this seller's staff."))
        return Seller.objects.select_related("province").get(pk=pk)
    if not scope.seller_ids:
        denied(None, _("Only a seller's staff can add products."))
    if len(scope.seller_ids) > 1:
        fail("seller", _("You belong to several sellers: pick one."), "REQUIRED")
    (pk,) = scope.seller_ids
    return Seller.objects.select_related("province").get(pk=pk)


def resolve_channel_id(value: Any, field: str, index: int | None = None) -> Channel:
    """A channel by Relay ID ("Channel:pk"), or by slug for convenience."""
    try:
        pk = decode_id(value, "Channel", field)
        channel = Channel.objects.filter(pk=pk).first()
    except ValidationErrors:
        channel = Channel.objects.filter(slug=str(value)).first()
    if channel is None:
        raise ValidationErrors(
            [ItemError(field, f"Couldn't resolve to a channel: {value}", "NOT_FOUND", index=index)]
        )
    return channel


def channel_global_id(pk: int) -> str:
    return to_global_id("Channel", pk)


class ChannelListingErrorsMixin(BaseMutation):
    """ProductChannelListingError carries the channel and variant IDs at fault."""

    class Meta:
        abstract = True

    @classmethod
    def error_extras(cls, error: FieldError) -> dict[str, Any]:
        if not isinstance(error, ItemError):
            return {}
        return {
            "channels": [channel_global_id(error.channel_id)] if error.channel_id else None,
            "variants": [to_global_id("ProductVariant", error.variant_id)]
            if error.variant_id
            else None,
        }


class StockErrorsMixin(BaseMutation):
    """BulkStockError carries the index of the stock line at fault."""

    class Meta:
        abstract = True

    @classmethod
    def error_extras(cls, error: FieldError) -> dict[str, Any]:
        return {"index": error.index} if isinstance(error, ItemError) else {}
