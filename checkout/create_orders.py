"""Writing an order group and its per-seller orders from a checked checkout.

Only inserts new rows (which nobody else can see before commit), so it runs before the
stock rows are locked and does not lengthen the time they are held.

It lives in checkout, not in orders: it reads a checkout (checkout.fetch) and the
commission rates (payments.payouts), and orders sits below both.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import graphene

from checkout.fetch import CheckoutInfo, SellerPart
from orders.events import event, record_many
from orders.models import (
    GROUP_NUMBER_SEQUENCE,
    ORDER_NUMBER_SEQUENCE,
    Order,
    OrderEventType,
    OrderGroup,
    OrderLine,
    OrderStatus,
    next_numbers,
)
from orders.stock import StockNeed
from payments.payouts import CommissionRates, round_vnd, withheld_taxes


@dataclass
class CreatedGroup:
    group: OrderGroup
    orders: list[Order]
    needs: list[StockNeed]
    lines: list[OrderLine]


def _lines_for(part: SellerPart, order: Order, rates: CommissionRates) -> list[OrderLine]:
    lines = []
    for info in part.lines:
        rate = rates.rate(part.seller, info.product.category_id)
        total = info.total_price
        lines.append(
            OrderLine(
                order=order,
                variant=info.variant,
                product_name=info.product.name,
                variant_name=info.variant.name,
                product_sku=info.variant.sku,
                product_variant_id=graphene.Node.to_global_id("ProductVariant", info.variant.pk),
                is_shipping_required=info.requires_shipping,
                quantity=info.quantity,
                unit_price_amount=info.unit_price or 0,
                total_price_amount=total,
                commission_rate=rate,
                commission_amount=round_vnd(Decimal(total) * rate),
            )
        )
    return lines


def create_order_group(
    info: CheckoutInfo,
    *,
    user: Any,
    gateway: str,
    charged: bool,
    payment_due_at: datetime.datetime | None,
    automatic: bool = False,
) -> CreatedGroup:
    """Insert the group, one UNCONFIRMED order per seller, lines and PLACED events.

    `charged`: the whole total is already paid (the card payment arrived first).
    Call inside the completing transaction.
    """
    checkout = info.checkout
    # The checkout is deleted with this completion, so its address rows are handed over to
    # the orders as they are (no copy): nothing else points at them, and orders PROTECT them.
    shipping = checkout.shipping_address if checkout.shipping_address_id else None
    billing = checkout.billing_address if checkout.billing_address_id else shipping
    buyer = checkout.user if checkout.user_id else None
    group_number = next_numbers(GROUP_NUMBER_SEQUENCE, 1)[0]
    numbers = next_numbers(ORDER_NUMBER_SEQUENCE, len(info.parts))
    group = OrderGroup.objects.create(
        number=group_number,
        checkout_token=checkout.token,
        user=buyer,
        user_email=checkout.email,
        channel_id=checkout.channel_id,
        shipping_address=shipping,
        billing_address=billing,
        payment_gateway=gateway,
        subtotal_amount=info.subtotal,
        shipping_amount=info.shipping_price,
        total_amount=info.total,
        payment_due_at=None if charged else payment_due_at,
        language_code=checkout.language_code,
        customer_note=checkout.customer_note,
    )
    rates = CommissionRates()
    orders: list[Order] = []
    lines: list[OrderLine] = []
    for number, part in zip(numbers, info.parts, strict=True):
        taxes = withheld_taxes(part.seller, part.subtotal)
        order = Order(
            number=number,
            group=group,
            seller=part.seller,
            status=OrderStatus.UNCONFIRMED,
            user=buyer,
            user_email=checkout.email,
            channel_id=checkout.channel_id,
            shipping_address=shipping,
            billing_address=billing,
            shipping_method=part.chosen.method if part.chosen else None,
            shipping_method_name=part.chosen.method.name if part.chosen else "",
            is_shipping_required=part.requires_shipping,
            payment_gateway=gateway,
            subtotal_amount=part.subtotal,
            shipping_price_amount=part.shipping_price,
            total_amount=part.total,
            charged_amount=part.total if charged else 0,
            weight_grams=part.weight_grams,
            vat_withheld_amount=taxes.vat,
            pit_withheld_amount=taxes.pit,
            customer_note=checkout.customer_note,
        )
        order_lines = _lines_for(part, order, rates)
        order.commission_amount = sum(line.commission_amount for line in order_lines)
        if charged:
            order.paid_at = group.created_at
        orders.append(order)
        lines.extend(order_lines)
    Order.objects.bulk_create(orders)
    OrderLine.objects.bulk_create(lines)
    placed = (
        OrderEventType.PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT
        if automatic
        else OrderEventType.PLACED
    )
    events = []
    for order in orders:
        events.append(event(order, placed, user, email=order.user_email))
        if charged:
            events.append(
                event(order, OrderEventType.ORDER_FULLY_PAID, None, amount=order.total_amount)
            )
    record_many(events)
    variants = {info.variant.pk: info for info in info.lines}
    needs = [
        StockNeed(
            line=line,
            variant_id=line.variant_id,
            seller_id=line.order.seller_id,
            quantity=line.quantity,
        )
        for line in lines
        if line.variant_id is not None and variants[line.variant_id].variant.track_inventory
    ]
    return CreatedGroup(group=group, orders=orders, needs=needs, lines=lines)
