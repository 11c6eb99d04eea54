from __future__ import annotations

from typing import Any

import graphene

from orders.actions import do_mark_delivered
from storefront_api.core.errors import ValidationErrors
from storefront_api.orders.errors import errors_field, order_errors
from storefront_api.orders.mutations.base import failed, order_pk, reloaded
from storefront_api.orders.types import Order


class OrderMarkDelivered(graphene.Mutation):
    """OCOP extension: the parcel reached the buyer. Cash on delivery is recorded as paid,
    and the seller's earning enters the payout ledger."""

    order = graphene.Field(Order)
    errors = errors_field()

    class Arguments:
        id = graphene.ID(required=True, description="ID of a fulfilled order.")

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        try:
            order = do_mark_delivered(order_pk(id), info.context.user)
        except ValidationErrors as exc:
            return OrderMarkDelivered(order=None, errors=failed_errors(exc))
        return OrderMarkDelivered(order=reloaded(order.pk), errors=[])


def failed_errors(exc: ValidationErrors) -> list[Any]:
    return order_errors(exc)


__all__ = ["OrderMarkDelivered", "failed"]
