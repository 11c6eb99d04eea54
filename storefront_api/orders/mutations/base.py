"""Shared by the order mutations: the order id argument and the error type."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

import graphene
from django.utils.translation import gettext_lazy as _

from storefront_api.core.errors import fail
from storefront_api.core.mutation import BaseMutation
from storefront_api.orders.errors import OrderError
from storefront_api.orders.lookups import order_queryset, prepare_orders


def order_pk(global_id: str | None, field: str = "id") -> str:
    """The UUID in an `Order:<uuid>` id; NOT_FOUND for anything else."""
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id or "")
        if kind != "Order":
            raise ValueError(kind)
        return str(uuid.UUID(str(pk)))
    except Exception:
        fail(field, _("Order not found."), "NOT_FOUND")


class OrderMutation(BaseMutation):
    """The order mutations' error type: OrderError, in `errors` and `orderErrors`."""

    class Meta:
        abstract = True

    error_type = OrderError
    error_fields: ClassVar[tuple[str, ...]] = ("errors", "order_errors")


def reloaded(order_id: Any) -> Any:
    return prepare_orders([order_queryset().get(pk=order_id)], None)[0]
