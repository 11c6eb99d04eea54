"""Shared by the order mutations: the order id argument and the payload on failure."""

from __future__ import annotations

import uuid
from typing import Any

import graphene

from storefront_api.core.errors import FieldError, ValidationErrors
from storefront_api.orders.errors import order_errors
from storefront_api.orders.resolvers import order_queryset, prepare_orders


def order_pk(global_id: str | None, field: str = "id") -> str:
    """The UUID in an `Order:<uuid>` id; NOT_FOUND for anything else."""
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id or "")
        if kind != "Order":
            raise ValueError(kind)
        return str(uuid.UUID(str(pk)))
    except Exception:
        raise ValidationErrors(
            [FieldError(field, "Không tìm thấy đơn hàng. / Order not found.", "NOT_FOUND")]
        ) from None


def failed(payload: type[graphene.ObjectType], exc: ValidationErrors, **extra: Any) -> Any:
    errors = order_errors(exc)
    return payload(order=None, errors=errors, order_errors=errors, **extra)


def reloaded(order_id: Any) -> Any:
    return prepare_orders([order_queryset().get(pk=order_id)], None)[0]
