from __future__ import annotations

from typing import Any

import graphene

from checkout.shipping_methods import do_delete_method
from storefront_api.checkout.shipping_inputs import (
    ShippingError,
    ShippingMethodMutation,
    method_for,
)


class SellerShippingMethodDelete(ShippingMethodMutation):
    """OCOP: a seller removes a delivery method (orders keep its name and price)."""

    deleted_id = graphene.ID()
    errors = graphene.List(graphene.NonNull(ShippingError), required=True)

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str) -> Any:
        do_delete_method(method_for(info.context.user, id))
        return cls.success(deleted_id=id)
