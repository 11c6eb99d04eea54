from __future__ import annotations

from typing import Any

import graphene

from checkout.delivery import PricedMethod
from checkout.shipping_methods import do_create_method
from storefront_api.checkout.shipping_inputs import (
    SellerShippingMethodInput,
    ShippingError,
    method_data,
    seller_for,
    shipping_errors,
)
from storefront_api.checkout.types import ShippingMethod
from storefront_api.core.errors import ValidationErrors


class SellerShippingMethodCreate(graphene.Mutation):
    """OCOP: a seller adds a delivery method (its members, or an admin)."""

    shipping_method = graphene.Field(ShippingMethod)
    errors = graphene.List(graphene.NonNull(ShippingError), required=True)

    class Arguments:
        seller = graphene.ID(required=True)
        input = SellerShippingMethodInput(required=True)

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, seller: str, input: dict[str, Any]) -> Any:
        try:
            method = do_create_method(seller_for(info.context.user, seller), method_data(input))
        except ValidationErrors as exc:
            return SellerShippingMethodCreate(errors=shipping_errors(exc))
        return SellerShippingMethodCreate(
            shipping_method=PricedMethod(method, method.price_amount), errors=[]
        )
