from __future__ import annotations

from typing import Any

import graphene

from checkout.shipping_methods import do_delete_method
from storefront_api.checkout.shipping_inputs import ShippingError, method_for, shipping_errors
from storefront_api.core.errors import ValidationErrors


class SellerShippingMethodDelete(graphene.Mutation):
    """OCOP: a seller removes a delivery method (orders keep its name and price)."""

    deleted_id = graphene.ID()
    errors = graphene.List(graphene.NonNull(ShippingError), required=True)

    class Arguments:
        id = graphene.ID(required=True)

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        try:
            do_delete_method(method_for(info.context.user, id))
        except ValidationErrors as exc:
            return SellerShippingMethodDelete(errors=shipping_errors(exc))
        return SellerShippingMethodDelete(deleted_id=id, errors=[])
