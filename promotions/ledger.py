"""What the payout ledger needs to know of an order's promotions.

The buyer paid the order's total; the seller earns the order's goods and delivery less
only what the seller itself funded. So the platform adds back to the earning what it (or
the province's programme) bore: a province-funded voucher's share and what gift cards paid.
"""

from __future__ import annotations

from django.db.models import Sum

from core.money import format_vnd
from orders.models import Order
from promotions.models import Funder, GiftCardCharge, OrderDiscount


def platform_funded(order: Order) -> int:
    """Đồng of this order paid by the platform or a province, not by the buyer or seller."""
    discount = OrderDiscount.objects.filter(order=order, funder=Funder.PROVINCE).aggregate(
        s=Sum("amount")
    )["s"]
    cards = GiftCardCharge.objects.filter(order=order).aggregate(s=Sum("amount"))["s"]
    return int(discount or 0) + int(cards or 0)


def discount_note(order: Order) -> str:
    """The vouchers on the order, for the ledger entry's note: who funded each (the stored
    value, so the note reads the same in every language), how much."""
    return "; ".join(
        f"{d.code} ({d.funder}) −{format_vnd(d.amount)}"
        for d in OrderDiscount.objects.filter(order=order)
    )
