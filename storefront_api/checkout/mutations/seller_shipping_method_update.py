from __future__ import annotations

from typing import Any

import graphene

from checkout.delivery import PricedMethod
from checkout.shipping_methods import do_update_method
from storefront_api.checkout.shipping_inputs import (
    SellerShippingMethodInput,
    ShippingError,
    ShippingMethodMutation,
    method_data,
    method_for,
)
from storefront_api.checkout.types import ShippingMethod


class SellerShippingMethodUpdate(ShippingMethodMutation):
    """OCOP: a seller changes one of its delivery methods."""

    shipping_method = graphene.Field(ShippingMethod)
    errors = graphene.List(graphene.NonNull(ShippingError), required=True)

    class Arguments:
        id = graphene.ID(required=True)
        input = SellerShippingMethodInput(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str, input: dict[str, Any]) -> Any:
        method = do_update_method(method_for(info.context.user, id), method_data(input))
        return cls.success(shipping_method=PricedMethod(method, method.price_amount))
