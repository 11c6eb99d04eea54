from __future__ import annotations

from typing import Any

import graphene

from orders.actions import do_confirm
from storefront_api.core.errors import ValidationErrors
from storefront_api.orders.errors import deprecated_errors_field, errors_field
from storefront_api.orders.mutations.base import failed, order_pk, reloaded
from storefront_api.orders.types import Order


class OrderConfirm(graphene.Mutation):
    """The seller accepts an unconfirmed order (it then waits to be fulfilled)."""

    order = graphene.Field(Order)
    order_errors = deprecated_errors_field()
    errors = errors_field()

    class Arguments:
        id = graphene.ID(required=True, description="ID of an order to confirm.")

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        try:
            order = do_confirm(order_pk(id), info.context.user)
        except ValidationErrors as exc:
            return failed(OrderConfirm, exc)
        return OrderConfirm(order=reloaded(order.pk), errors=[], order_errors=[])
