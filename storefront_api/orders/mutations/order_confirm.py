from __future__ import annotations

from typing import Any

import graphene

from orders.actions import do_confirm
from storefront_api.orders.errors import deprecated_errors_field, errors_field
from storefront_api.orders.mutations.base import OrderMutation, order_pk, reloaded
from storefront_api.orders.types import Order


class OrderConfirm(OrderMutation):
    """The seller accepts an unconfirmed order (it then waits to be fulfilled)."""

    order = graphene.Field(Order)
    order_errors = deprecated_errors_field()
    errors = errors_field()

    class Arguments:
        id = graphene.ID(required=True, description="ID of an order to confirm.")

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str) -> Any:
        order = do_confirm(order_pk(id), info.context.user)
        return cls.success(order=reloaded(order.pk))
