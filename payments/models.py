"""Payments in Saleor 3.23's transaction shape, webhook bookkeeping, and the seller ledger.

Amounts are whole đồng. A `Transaction`'s charged and refunded amounts only ever grow
("high-water marks"), which makes applying the same Stripe fact twice, or two facts out of
order, change nothing the second time.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransactionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CHARGED = "charged", _("Charged")
    FAILED = "failed", _("Failed")
    CANCELED = "canceled", _("Canceled")


class Transaction(models.Model):
    """Saleor's TransactionItem: one payment attempt for a checkout, then its order group."""

    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    checkout_token = models.UUIDField(db_index=True)
    order_group = models.ForeignKey(
        "orders.OrderGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    gateway = models.CharField(max_length=32)
    name = models.CharField(max_length=120, blank=True)
    # The PaymentIntent id for Stripe; empty until the intent is created.
    psp_reference = models.CharField(max_length=255, null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=TransactionStatus.choices, default=TransactionStatus.PENDING
    )
    currency = models.CharField(max_length=3, default="VND")
    amount = models.BigIntegerField()
    charged_amount = models.BigIntegerField(default=0)
    refunded_amount = models.BigIntegerField(default=0)
    # The storefront's `idempotencyKey`: retrying transactionInitialize returns the same row.
    idempotency_key = models.CharField(max_length=255, null=True, blank=True)
    needs_attention = models.BooleanField(default=False, db_index=True)
    attention_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("psp_reference",),
                condition=Q(psp_reference__isnull=False),
                name="transaction_psp_reference_unique",
            ),
            models.UniqueConstraint(
                fields=("checkout_token", "idempotency_key"),
                condition=Q(idempotency_key__isnull=False),
                name="transaction_idempotency_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(charged_amount__gte=0) & Q(refunded_amount__gte=0),
                name="transaction_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gateway} {self.psp_reference or self.token}"

    def flag(self, reason: str) -> None:
        """Mark for a human; the caller saves."""
        self.needs_attention = True
        self.attention_reason = "\n".join(r for r in (self.attention_reason, reason) if r)


class TransactionEventType(models.TextChoices):
    """Saleor's TransactionEventTypeEnum values this marketplace records."""

    CHARGE_REQUEST = "charge_request"
    CHARGE_ACTION_REQUIRED = "charge_action_required"
    CHARGE_SUCCESS = "charge_success"
    CHARGE_FAILURE = "charge_failure"
    REFUND_REQUEST = "refund_request"
    REFUND_SUCCESS = "refund_success"
    REFUND_FAILURE = "refund_failure"
    CANCEL_REQUEST = "cancel_request"
    CANCEL_SUCCESS = "cancel_success"
    INFO = "info"


class TransactionEvent(models.Model):
    transaction = models.ForeignKey(Transaction, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=32, choices=TransactionEventType.choices)
    amount = models.BigIntegerField(default=0)
    psp_reference = models.CharField(max_length=255, blank=True)
    message = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=255, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("transaction", "idempotency_key"),
                condition=Q(idempotency_key__isnull=False),
                name="transaction_event_once",
            )
        ]


class ProcessedStripeEvent(models.Model):
    """Every Stripe webhook event applied; the unique id makes a replay a no-op."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255, blank=True)
    outcome = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("received_at", "pk")


class RefundStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class Refund(models.Model):
    """A refund to send to the gateway; recorded before the call, so a crash is retried.

    `idempotency_key` goes to Stripe too, so a retry after a crash never refunds twice.
    """

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="refunds")
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    amount = models.BigIntegerField()
    idempotency_key = models.CharField(max_length=255, unique=True)
    status = models.CharField(
        max_length=10, choices=RefundStatus.choices, default=RefundStatus.REQUESTED
    )
    psp_reference = models.CharField(max_length=255, blank=True)
    reason = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive")
        ]


class CategoryCommission(models.Model):
    """The platform commission for a category (and its sub-categories, unless they have one)."""

    category = models.OneToOneField(
        "catalog.Category", on_delete=models.CASCADE, related_name="commission"
    )
    rate = models.DecimalField(max_digits=5, decimal_places=4)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lt=1), name="category_commission_rate"
            )
        ]


class LedgerEntryKind(models.TextChoices):
    EARNING = "earning", _("Order earning")
    REVERSAL = "reversal", _("Reversal")
    PAYOUT = "payout", _("Paid out")


class LedgerEntry(models.Model):
    """The seller payout ledger, provider-agnostic (payouts are bank transfers).

    An earning is what the platform owes for one delivered order: its total minus commission
    minus the VAT and PIT withheld for household businesses. A payout is money an admin sent.
    The balance is the sum of `amount` (earnings positive, payouts and reversals negative).
    """

    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=LedgerEntryKind.choices)
    gross_amount = models.BigIntegerField(default=0)
    commission_amount = models.BigIntegerField(default=0)
    vat_withheld_amount = models.BigIntegerField(default=0)
    pit_withheld_amount = models.BigIntegerField(default=0)
    amount = models.BigIntegerField()
    reference = models.CharField(max_length=120, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            # One earning (and at most one reversal) per order, however often delivery is told.
            models.UniqueConstraint(
                fields=("order", "kind"),
                condition=Q(order__isnull=False),
                name="ledger_entry_once_per_order",
            ),
            models.CheckConstraint(
                condition=~Q(kind="payout") | Q(amount__lt=0), name="ledger_payout_negative"
            ),
        ]
