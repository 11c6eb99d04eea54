"""Order lookups by id and batched loading of an order's related rows, with the visibility
rules. The order types (`node(id:)`, `OrderGroup.orders`) and the query fields both use
them, so this module imports no type.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import graphene
from django.db.models import Prefetch, prefetch_related_objects

from catalog.models import ProductMedia, ProductVariant
from orders.models import Fulfillment, Order, OrderEvent, OrderGroup, OrderLine, OrderQuerySet
from payments.models import Transaction
from promotions.models import GiftCardCharge, OrderDiscount
from storefront_api.core.selection import selected_paths, wants

ORDER_RELATED = ("seller", "group", "shipping_address", "billing_address", "user")
# An order's voucher shares and gift card payments (promotions), as its fields read them.
DISCOUNTS = OrderDiscount.objects.select_related("voucher")
CHARGES = GiftCardCharge.objects.select_related("gift_card")


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
    if wants(paths, "deliveryMethod"):
        lookups.append("shipping_method")
    if wants(paths, "lines", "fulfillments"):
        variants = ProductVariant.objects.select_related("product")
        if wants(paths, "lines.variant.translation"):
            variants = variants.prefetch_related("translations")
        if wants(paths, "lines.variant.product.translation"):
            variants = variants.prefetch_related("product__translations")
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
    if wants(
        paths,
        "discounts",
        "voucher",
        "voucherCode",
        "discount",
        "discountName",
        "translatedDiscountName",
        "undiscountedTotal",
    ):
        lookups.append(Prefetch("discounts", queryset=DISCOUNTS))
    if wants(paths, "giftCards"):
        lookups.append(Prefetch("gift_card_charges", queryset=CHARGES))
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
