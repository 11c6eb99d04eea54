from __future__ import annotations

from typing import Any

import graphene

from checkout.delivery import PricedMethod
from checkout.shipping_methods import do_update_method
from storefront_api.checkout.shipping_inputs import (
    SellerShippingMethodInput,
    ShippingError,
    method_data,
    method_for,
    shipping_errors,
)
from storefront_api.checkout.types import ShippingMethod
from storefront_api.core.errors import ValidationErrors


class SellerShippingMethodUpdate(graphene.Mutation):
    """OCOP: a seller changes one of its delivery methods."""

    shipping_method = graphene.Field(ShippingMethod)
    errors = graphene.List(graphene.NonNull(ShippingError), required=True)

    class Arguments:
        id = graphene.ID(required=True)
        input = SellerShippingMethodInput(required=True)

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, id: str, input: dict[str, Any]) -> Any:
        try:
            method = do_update_method(method_for(info.context.user, id), method_data(input))
        except ValidationErrors as exc:
            return SellerShippingMethodUpdate(errors=shipping_errors(exc))
        return SellerShippingMethodUpdate(
            shipping_method=PricedMethod(method, method.price_amount), errors=[]
        )
