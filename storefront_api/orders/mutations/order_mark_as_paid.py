from __future__ import annotations

from typing import Any

import graphene

from orders.actions import do_mark_as_paid
from storefront_api.orders.errors import deprecated_errors_field, errors_field
from storefront_api.orders.mutations.base import OrderMutation, order_pk, reloaded
from storefront_api.orders.types import Order


class OrderMarkAsPaid(OrderMutation):
    """The seller records that the cash on delivery was collected."""

    order = graphene.Field(Order)
    order_errors = deprecated_errors_field()
    errors = errors_field()

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to mark paid.")
        transaction_reference = graphene.String(description="The reference of the payment.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, transaction_reference: str | None = None
    ) -> Any:
        order = do_mark_as_paid(order_pk(id), info.context.user, transaction_reference or "")
        return cls.success(order=reloaded(order.pk))
