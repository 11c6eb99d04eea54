"""Shared by the order mutations: the order id argument and the payload on failure."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from storefront_api.core.errors import ValidationErrors, fail
from storefront_api.orders.errors import order_errors


def order_pk(global_id: str | None, field: str = "id") -> str:
    """The UUID in an `Order:<uuid>` id; NOT_FOUND for anything else."""
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id or "")
        if kind != "Order":
            raise ValueError(kind)
        import uuid

        return str(uuid.UUID(str(pk)))
    except Exception:
        fail(field, _("Order not found."), "NOT_FOUND")


def failed(payload: type[graphene.ObjectType], exc: ValidationErrors, **extra: Any) -> Any:
    errors = order_errors(exc)
    return payload(order=None, errors=errors, order_errors=errors, **extra)


def reloaded(order_id: Any) -> Any:
    from storefront_api.orders.resolvers import order_queryset, prepare_orders

    return prepare_orders([order_queryset().get(pk=order_id)], None)[0]
