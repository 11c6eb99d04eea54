"""What a buyer sees of the money: an order's legacy payment status, a checkout's charge.

Saleor still serves `Order.paymentStatus` (`PaymentChargeStatusEnum`) next to the newer
`chargeStatus`; ours is read from the order's amounts and, for a card order, from its
group's transactions. The rule is `payment_charge_status` (a pure function);
`order_payment_status` gathers its inputs from an order whose `group.transactions` the
caller has loaded (the order resolvers prefetch them).
"""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orders.models import CLOSED_STATUSES, Order, PaymentGatewayId
from payments.models import Transaction, TransactionStatus


class PaymentChargeStatus(models.TextChoices):
    """Saleor's `PaymentChargeStatusEnum` values, with the label `paymentStatusDisplay` shows."""

    NOT_CHARGED = "not_charged", _("Not charged")
    PENDING = "pending", pgettext_lazy("payment status", "Pending")
    PARTIALLY_CHARGED = "partially_charged", _("Partially charged")
    FULLY_CHARGED = "fully_charged", _("Fully charged")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    FULLY_REFUNDED = "fully_refunded", _("Fully refunded")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


def payment_charge_status(
    *,
    total: int,
    charged: int,
    refunded: int,
    paid: bool,
    closed: bool,
    card_statuses: Collection[str] | None,
) -> PaymentChargeStatus:
    """The legacy status from the amounts (whole đồng), first match wins:

    any refund → FULLY/PARTIALLY_REFUNDED (against what was charged); the total charged
    (a free order only once marked paid) → FULLY_CHARGED; something charged →
    PARTIALLY_CHARGED. Nothing charged yet: a card order (`card_statuses` holds its
    transactions' statuses; None for other gateways) is PENDING while a payment is pending
    and the order still open (CANCELLED once it is closed), REFUSED after a failed one,
    CANCELLED after a canceled one; anything else is NOT_CHARGED.
    """
    if refunded > 0:
        if refunded >= charged:
            return PaymentChargeStatus.FULLY_REFUNDED
        return PaymentChargeStatus.PARTIALLY_REFUNDED
    if charged >= total and (total != 0 or paid):
        return PaymentChargeStatus.FULLY_CHARGED
    if charged > 0:
        return PaymentChargeStatus.PARTIALLY_CHARGED
    if card_statuses is not None:
        if TransactionStatus.PENDING in card_statuses:
            return PaymentChargeStatus.CANCELLED if closed else PaymentChargeStatus.PENDING
        if TransactionStatus.FAILED in card_statuses:
            return PaymentChargeStatus.REFUSED
        if TransactionStatus.CANCELED in card_statuses:
            return PaymentChargeStatus.CANCELLED
    return PaymentChargeStatus.NOT_CHARGED


def order_payment_status(order: Order) -> PaymentChargeStatus:
    """`payment_charge_status` of one seller's order (reads `order.group.transactions`)."""
    card_statuses = None
    if order.payment_gateway == PaymentGatewayId.STRIPE:
        card_statuses = {str(t.status) for t in order.group.transactions.all()}
    return payment_charge_status(
        total=order.total_amount,
        charged=order.charged_amount,
        refunded=order.refunded_amount,
        paid=order.paid_at is not None,
        closed=order.status in CLOSED_STATUSES,
        card_statuses=card_statuses,
    )


def checkout_charged(checkout_token: UUID | str) -> int:
    """What a checkout has been paid so far: its latest live (neither failed nor canceled)
    transaction's charged amount, less what was refunded of it. One query, no lock."""
    txn = (
        Transaction.objects.filter(checkout_token=checkout_token)
        .exclude(status__in=(TransactionStatus.FAILED, TransactionStatus.CANCELED))
        .order_by("-created_at", "-pk")
        .first()
    )
    return txn.charged_amount - txn.refunded_amount if txn is not None else 0
