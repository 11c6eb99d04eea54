"""Order queries and mutations (Saleor 3.23 names) and the OCOP order group."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay

from storefront_api.orders.mutations.order_cancel import OrderCancel
from storefront_api.orders.mutations.order_confirm import OrderConfirm
from storefront_api.orders.mutations.order_fulfill import OrderFulfill
from storefront_api.orders.mutations.order_mark_as_paid import OrderMarkAsPaid
from storefront_api.orders.mutations.order_mark_delivered import OrderMarkDelivered
from storefront_api.orders.resolvers import (
    global_pk,
    resolve_group,
    resolve_managed_orders,
    resolve_order,
)
from storefront_api.orders.types import Order, OrderCountableConnection, OrderGroup


class OrderStatusFilter(graphene.Enum):
    READY_TO_FULFILL = "READY_TO_FULFILL"
    READY_TO_CAPTURE = "READY_TO_CAPTURE"
    UNFULFILLED = "UNFULFILLED"
    UNCONFIRMED = "UNCONFIRMED"
    PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED"
    FULFILLED = "FULFILLED"
    CANCELED = "CANCELED"


class OrderFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(OrderStatusFilter))
    search = graphene.String()
    numbers = graphene.List(graphene.NonNull(graphene.String))


class OrderQueries(graphene.ObjectType):
    order = graphene.Field(
        Order,
        id=graphene.ID(description="ID of an order."),
        external_reference=graphene.String(description="External ID of an order."),
        description="Look up an order by ID (its buyer, its seller, officers, admins).",
    )
    orders = relay.ConnectionField(
        OrderCountableConnection,
        filter=OrderFilterInput(),
        channel=graphene.String(),
        search=graphene.String(),
        description=("Orders to manage: a seller's own, an officer's province, or all for admins."),
    )
    order_group = graphene.Field(
        OrderGroup,
        id=graphene.ID(required=True),
        description="OCOP: one purchase (one checkout) and each seller's order in it.",
    )

    @staticmethod
    def resolve_order(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        external_reference: str | None = None,
    ) -> Any:
        pk = global_pk(id, "Order")
        return resolve_order(info, pk) if pk else None

    @staticmethod
    def resolve_orders(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        if args.get("search"):
            args["filter"] = {**(args.get("filter") or {}), "search": args["search"]}
        return resolve_managed_orders(info, args)

    @staticmethod
    def resolve_order_group(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        pk = global_pk(id, "OrderGroup")
        return resolve_group(info, pk) if pk else None


class OrderMutations(graphene.ObjectType):
    order_confirm = OrderConfirm.Field()
    order_fulfill = OrderFulfill.Field()
    order_cancel = OrderCancel.Field()
    order_mark_as_paid = OrderMarkAsPaid.Field()
    order_mark_delivered = OrderMarkDelivered.Field()
