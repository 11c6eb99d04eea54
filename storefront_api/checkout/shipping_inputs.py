"""OCOP extension: a seller manages its own delivery methods."""

from __future__ import annotations

from typing import Any, NoReturn

import graphene
from django.utils.translation import gettext_lazy as _

from checkout.models import ShippingMethod
from orders.permissions import is_admin, member_seller_ids
from sellers.models import Seller
from storefront_api.checkout.enums import ShippingMethodTypeEnum, ShippingServiceLevelEnum
from storefront_api.core.errors import FieldError, api_field, fail
from storefront_api.core.mutation import BaseMutation
from storefront_api.core.scalars import PositiveDecimal


class ShippingErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    MAX_LESS_THAN_MIN = "max_less_than_min"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    PERMISSION_DENIED = "permission_denied"


class ShippingError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(ShippingErrorCode, required=True)


class SellerShippingMethodInput(graphene.InputObjectType):
    name = graphene.String()
    name_en = graphene.String()
    description = graphene.String()
    service_level = graphene.Field(ShippingServiceLevelEnum)
    type = graphene.Field(ShippingMethodTypeEnum, description="PRICE: flat; WEIGHT: per kg.")
    price = PositiveDecimal(description="Flat price, or the price of the first kilogram.")
    price_per_kg = PositiveDecimal(description="WEIGHT: each further started kilogram.")
    free_above = PositiveDecimal(description="Free when the seller's part reaches this.")
    maximum_order_weight_grams = graphene.Int()
    minimum_delivery_days = graphene.Int()
    maximum_delivery_days = graphene.Int()
    is_default = graphene.Boolean()
    is_active = graphene.Boolean()


_NAMES = {
    "name": "name",
    "name_en": "name_en",
    "description": "description",
    "service_level": "service_level",
    "type": "rate_kind",
    "price": "price_amount",
    "price_per_kg": "price_per_kg_amount",
    "free_above": "free_above_amount",
    "maximum_order_weight_grams": "max_weight_grams",
    "minimum_delivery_days": "min_delivery_days",
    "maximum_delivery_days": "max_delivery_days",
    "is_default": "is_default",
    "is_active": "is_active",
}
# Where the API names a field otherwise than the camelCase of the domain's name.
API_FIELD = {
    "price_amount": "price",
    "price_per_kg_amount": "pricePerKg",
    "free_above_amount": "freeAbove",
    "max_weight_grams": "maximumOrderWeightGrams",
    "min_delivery_days": "minimumDeliveryDays",
    "max_delivery_days": "maximumDeliveryDays",
}


def method_data(input: dict[str, Any]) -> dict[str, Any]:
    return {_NAMES[key]: value for key, value in input.items() if key in _NAMES}


def shipping_error(e: FieldError) -> ShippingError:
    return ShippingError(field=api_field(e.field, API_FIELD), message=e.message, code=e.code)


class ShippingMethodMutation(BaseMutation):
    """The delivery-method mutations' error type: ShippingError, with API field names."""

    class Meta:
        abstract = True

    error_type = ShippingError

    @classmethod
    def error_item(cls, error: FieldError) -> Any:
        return shipping_error(error)


def _denied() -> NoReturn:
    fail(None, _("Only the seller manages its delivery methods."), "PERMISSION_DENIED")


def check_manages(user: Any, seller_id: int) -> None:
    if not (is_admin(user) or seller_id in member_seller_ids(user)):
        _denied()


def seller_for(user: Any, global_id: str) -> Seller:
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id)
    except Exception:
        kind, pk = None, None
    seller = (
        Seller.objects.filter(pk=int(pk)).first()
        if kind == "Seller" and str(pk).isdigit()
        else None
    )
    if seller is None:
        fail("seller", _("Seller not found."), "NOT_FOUND")
    check_manages(user, seller.pk)
    return seller


def method_for(user: Any, global_id: str) -> ShippingMethod:
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id)
    except Exception:
        kind, pk = None, None
    method = (
        ShippingMethod.objects.select_related("seller").filter(pk=int(pk)).first()
        if kind == "ShippingMethod" and str(pk).isdigit()
        else None
    )
    if method is None:
        fail("id", _("Delivery method not found."), "NOT_FOUND")
    check_manages(user, method.seller_id)
    return method
