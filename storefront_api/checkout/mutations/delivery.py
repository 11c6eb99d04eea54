"""Parsing ShippingMethod ids."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext_lazy as _

from checkout.errors import CheckoutFieldError
from storefront_api.core.errors import ValidationErrors


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
    if kind != "ShippingMethod" or not str(pk).isdigit():
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
