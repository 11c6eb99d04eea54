"""Order lookups with the visibility rules, and batched loading of their related rows."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import graphene
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from graphql import GraphQLError

from catalog.models import ProductMedia, ProductVariant
from orders.models import (
    Fulfillment,
    Order,
    OrderEvent,
    OrderGroup,
    OrderLine,
    OrderQuerySet,
    OrderStatus,
)
from orders.permissions import (
    can_view_group,
    managed_orders,
    may_list_orders,
)
from payments.models import Transaction
from storefront_api.core.connection import paginate
from storefront_api.core.selection import selected_paths, wants
from storefront_api.orders.types import OrderCountableConnection

ORDER_RELATED = ("seller", "group", "shipping_address", "billing_address", "user")


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def order_queryset() -> OrderQuerySet:
    return Order.objects.select_related(*ORDER_RELATED)


def prepare_orders(
    orders: Sequence[Order], info: graphene.ResolveInfo | None = None
) -> list[Order]:
    """Load the page's lines, events, fulfillments and payments in a fixed number of
    queries, whatever the number of orders (only what the query selects)."""
    orders = list(orders)
    paths = selected_paths(info, ("edges", "node")) if info is not None else {"lines", "events"}
    lookups: list[Any] = []
    if wants(paths, "lines", "fulfillments"):
        variants = ProductVariant.objects.select_related("product")
        if wants(paths, "lines.thumbnail"):
            variants = variants.prefetch_related(
                Prefetch(
                    "product__media", queryset=ProductMedia.objects.prefetch_related("thumbnails")
                )
            )
        lookups.append(
            Prefetch(
                "lines",
                queryset=OrderLine.objects.select_related("order").prefetch_related(
                    Prefetch("variant", queryset=variants)
                ),
            )
        )
    if wants(paths, "events"):
        lookups.append(
            Prefetch(
                "events", queryset=OrderEvent.objects.select_related("user").order_by("date", "pk")
            )
        )
    if wants(paths, "fulfillments"):
        lookups.append(
            Prefetch(
                "fulfillments",
                queryset=Fulfillment.objects.prefetch_related("lines__order_line"),
            )
        )
    if wants(paths, "transactions", "paymentStatus", "paymentStatusDisplay"):
        lookups.append(
            Prefetch(
                "group__transactions",
                queryset=Transaction.objects.prefetch_related("events").order_by("created_at"),
            )
        )
    if lookups and orders:
        prefetch_related_objects(orders, *lookups)
    return orders


def resolve_order(info: graphene.ResolveInfo, pk: Any) -> Order | None:
    """`order(id:)` and `node(id: "Order:…")`: an order visible to the caller."""
    key = _uuid(pk)
    if key is None:
        return None
    order = order_queryset().visible_to(info.context.user).filter(pk=key).first()
    if order is None:
        return None
    return prepare_orders([order], None)[0]


def resolve_group(info: graphene.ResolveInfo, pk: Any) -> OrderGroup | None:
    """`orderGroup(id:)` and `node(id: "OrderGroup:…")`: a purchase visible to the caller."""
    key = _uuid(pk)
    if key is None:
        return None
    return OrderGroup.objects.visible_to(info.context.user).filter(pk=key).first()


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


__all__ = ["can_view_group", "resolve_group", "resolve_order"]
