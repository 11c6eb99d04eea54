"""The order query fields: the staff and buyer order lists (lookups by id and batched
loading are in `lookups.py`, which the types use too)."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q, QuerySet
from graphql import GraphQLError

from orders.models import Order, OrderStatus
from orders.permissions import managed_orders, may_list_orders
from storefront_api.core.connection import paginate
from storefront_api.orders.lookups import (
    ORDER_RELATED,
    order_queryset,
    prepare_orders,
    resolve_group,
    resolve_order,
)
from storefront_api.orders.types import OrderCountableConnection


def global_pk(global_id: str | None, kind: str) -> str | None:
    if not global_id:
        return None
    try:
        found_kind, pk = graphene.Node.resolve_global_id(None, global_id)
    except Exception:
        return None
    return str(pk) if found_kind == kind else None


STATUS_FILTERS = {
    "UNCONFIRMED": Q(status=OrderStatus.UNCONFIRMED),
    "UNFULFILLED": Q(status=OrderStatus.UNFULFILLED),
    "PARTIALLY_FULFILLED": Q(status=OrderStatus.PARTIALLY_FULFILLED),
    "FULFILLED": Q(status=OrderStatus.FULFILLED),
    "CANCELED": Q(status__in=(OrderStatus.CANCELED, OrderStatus.EXPIRED)),
    "READY_TO_FULFILL": Q(status__in=(OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)),
    "READY_TO_CAPTURE": Q(charged_amount=0, status=OrderStatus.UNCONFIRMED),
}


def filter_orders(qs: QuerySet[Order], flt: dict[str, Any] | None) -> QuerySet[Order]:
    if not flt:
        return qs
    if flt.get("status"):
        condition = Q()
        for status in flt["status"]:
            condition |= STATUS_FILTERS[str(getattr(status, "name", status))]
        qs = qs.filter(condition)
    if flt.get("numbers"):
        qs = qs.filter(number__in=[int(n) for n in flt["numbers"] if str(n).isdigit()])
    if flt.get("search"):
        text = str(flt["search"]).strip()
        condition = Q(user_email__icontains=text) | Q(lines__product_name__icontains=text)
        if text.isdigit():
            condition |= Q(number=int(text))
        qs = qs.filter(condition).distinct()
    return qs


def resolve_managed_orders(info: graphene.ResolveInfo, args: dict[str, Any]) -> Any:
    """Saleor's staff `orders` list: a seller's own, an officer's province, or all."""
    user = info.context.user
    if not may_list_orders(user):
        raise GraphQLError("You need one of the following permissions: MANAGE_ORDERS")
    qs = filter_orders(managed_orders(user).select_related(*ORDER_RELATED), args.get("filter"))
    return paginate(
        qs.order_by("-number"),
        OrderCountableConnection,
        args,
        name="orders",
        prepare=lambda items: prepare_orders(items, info),
    )


def resolve_user_orders(info: graphene.ResolveInfo, user: Any, args: dict[str, Any]) -> Any:
    """`me { orders }`: the buyer's own orders, newest first."""
    if not getattr(user, "is_authenticated", False) or user.pk != info.context.user.pk:
        return None
    qs = order_queryset().filter(user=user).order_by("-number")
    return paginate(
        qs,
        OrderCountableConnection,
        args,
        name="orders",
        prepare=lambda items: prepare_orders(items, info),
    )


# The order query fields and mutations import the lookups from here too.
__all__ = ["resolve_group", "resolve_order"]
