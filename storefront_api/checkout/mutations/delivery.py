"""Delivery ids: Saleor 3.23's `Delivery.id` is a `CheckoutDelivery` id, which
`checkoutDeliveryMethodUpdate` takes as `deliveryMethodId` (Saleor's storefront sends the id of
the delivery it picked from `deliveryOptionsCalculate`); a `ShippingMethod` id (deprecated in
Saleor) is still accepted. Ours name the seller's shipping method."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext_lazy as _

from checkout.errors import CheckoutFieldError
from storefront_api.core.errors import ValidationErrors

DELIVERY_TYPE = "CheckoutDelivery"


def delivery_id(method_pk: int) -> str:
    """`Delivery.id` of a seller's shipping method."""
    return graphene.Node.to_global_id(DELIVERY_TYPE, method_pk)


def shipping_method_pk(global_id: str, field: str) -> int:
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id)
    except Exception:
        kind, pk = None, None
    if kind == "Warehouse":
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    field, _("Collection points are not offered."), "DELIVERY_METHOD_NOT_APPLICABLE"
                )
            ]
        )
    if kind not in ("ShippingMethod", DELIVERY_TYPE) or not str(pk).isdigit():
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    field,
                    _("Invalid ID: %(global_id)s."),
                    "GRAPHQL_ERROR",
                    params={"global_id": global_id},
                )
            ]
        )
    return int(pk)
