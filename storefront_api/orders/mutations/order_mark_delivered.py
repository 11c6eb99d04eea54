from __future__ import annotations

from typing import Any

import graphene

from orders.actions import do_mark_delivered
from storefront_api.orders.errors import errors_field
from storefront_api.orders.mutations.base import OrderMutation, order_pk, reloaded
from storefront_api.orders.types import Order


class OrderMarkDelivered(OrderMutation):
    """OCOP extension: the parcel reached the buyer. Cash on delivery is recorded as paid,
    and the seller's earning enters the payout ledger."""

    order = graphene.Field(Order)
    errors = errors_field()

    error_fields = ("errors",)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a fulfilled order.")

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str) -> Any:
        order = do_mark_delivered(order_pk(id), info.context.user)
        return cls.success(order=reloaded(order.pk))
