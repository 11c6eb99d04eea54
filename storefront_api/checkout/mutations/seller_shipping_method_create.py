from __future__ import annotations

from typing import Any

import graphene

from checkout.delivery import PricedMethod
from checkout.shipping_methods import do_create_method
from storefront_api.checkout.shipping_inputs import (
    SellerShippingMethodInput,
    ShippingError,
    ShippingMethodMutation,
    method_data,
    seller_for,
)
from storefront_api.checkout.types import ShippingMethod


class SellerShippingMethodCreate(ShippingMethodMutation):
    """OCOP: a seller adds a delivery method (its members, or an admin)."""

    shipping_method = graphene.Field(ShippingMethod)
    errors = graphene.List(graphene.NonNull(ShippingError), required=True)

    class Arguments:
        seller = graphene.ID(required=True)
        input = SellerShippingMethodInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, seller: str, input: dict[str, Any]
    ) -> Any:
        method = do_create_method(seller_for(info.context.user, seller), method_data(input))
        return cls.success(shipping_method=PricedMethod(method, method.price_amount))
