from __future__ import annotations

from typing import Any

import graphene

from orders.actions import do_cancel
from storefront_api.core.errors import ValidationErrors
from storefront_api.orders.errors import deprecated_errors_field, errors_field
from storefront_api.orders.mutations.base import failed, order_pk, reloaded
from storefront_api.orders.types import Order


class OrderCancel(graphene.Mutation):
    """Cancel an order before anything shipped: its stock returns and a card payment is
    refunded. `reason` (OCOP) is required and shown to the buyer."""

    order = graphene.Field(Order)
    order_errors = deprecated_errors_field()
    errors = errors_field()

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to cancel.")
        reason = graphene.String(description="OCOP: why the order is canceled.")

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, id: str, reason: str | None = None) -> Any:
        try:
            result = do_cancel(order_pk(id), info.context.user, reason or "")
        except ValidationErrors as exc:
            return failed(OrderCancel, exc)
        return OrderCancel(order=reloaded(result.order.pk), errors=[], order_errors=[])
