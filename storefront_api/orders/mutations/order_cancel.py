from __future__ import annotations

from typing import Any

import graphene

from orders.actions import do_cancel
from storefront_api.orders.errors import deprecated_errors_field, errors_field
from storefront_api.orders.mutations.base import OrderMutation, order_pk, reloaded
from storefront_api.orders.types import Order


class OrderCancel(OrderMutation):
    """Cancel an order before anything shipped: its stock returns and a card payment is
    refunded. `reason` (OCOP) is required and shown to the buyer."""

    order = graphene.Field(Order)
    order_errors = deprecated_errors_field()
    errors = errors_field()

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to cancel.")
        reason = graphene.String(description="OCOP: why the order is canceled.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, reason: str | None = None
    ) -> Any:
        result = do_cancel(order_pk(id), info.context.user, reason or "")
        return cls.success(order=reloaded(result.order.pk))
