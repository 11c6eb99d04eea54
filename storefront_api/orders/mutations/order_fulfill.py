from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from orders.actions import FulfillItem, do_fulfill
from storefront_api.core.errors import fail
from storefront_api.orders.errors import deprecated_errors_field, errors_field
from storefront_api.orders.mutations.base import OrderMutation, order_pk, reloaded
from storefront_api.orders.types import Fulfillment, Order


class OrderFulfillStockInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of line items to fulfill.")
    warehouse = graphene.ID(required=True, description="ID of the warehouse to fulfill from.")


class OrderFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(description="The ID of the order line.")
    stocks = graphene.List(graphene.NonNull(OrderFulfillStockInput), required=True)


class OrderFulfillInput(graphene.InputObjectType):
    lines = graphene.List(graphene.NonNull(OrderFulfillLineInput), required=True)
    notify_customer = graphene.Boolean()
    allow_stock_to_be_exceeded = graphene.Boolean(default_value=False)
    tracking_number = graphene.String(description="Fulfillment tracking number.")
    carrier = graphene.String(description="OCOP: the delivery company (e.g. GHN, Viettel Post).")


def _pk(global_id: str | None, kind: str, field: str) -> str:
    try:
        found, pk = graphene.Node.resolve_global_id(None, global_id or "")
        if found != kind:
            raise ValueError(found)
        return str(pk)
    except Exception:
        fail(field, _("Invalid %(kind)s ID."), "GRAPHQL_ERROR", kind=kind)


def _items(input: dict[str, Any]) -> list[FulfillItem]:
    items = []
    for line in input.get("lines") or []:
        line_pk = _pk(line.get("order_line_id"), "OrderLine", "orderLineId")
        for stock in line.get("stocks") or []:
            warehouse = _pk(stock["warehouse"], "Warehouse", "warehouse")
            if not warehouse.isdigit():
                fail("warehouse", _("Invalid ID."), "GRAPHQL_ERROR")
            items.append(FulfillItem(line_pk, int(warehouse), int(stock["quantity"])))
    return items


class OrderFulfill(OrderMutation):
    """The seller ships units of the order (they leave the warehouse's stock)."""

    fulfillments = graphene.List(graphene.NonNull(Fulfillment))
    order = graphene.Field(Order)
    order_errors = deprecated_errors_field()
    errors = errors_field()

    class Arguments:
        input = OrderFulfillInput(required=True)
        order = graphene.ID(description="ID of the order to be fulfilled.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], order: str | None = None
    ) -> Any:
        done, fulfillment = do_fulfill(
            order_pk(order, "order"),
            info.context.user,
            _items(input),
            tracking_number=input.get("tracking_number") or "",
            carrier=input.get("carrier") or "",
        )
        return cls.success(order=reloaded(done.pk), fulfillments=[fulfillment])
