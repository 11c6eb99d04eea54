"""Refunds: recorded first (inside the business transaction), sent after commit.

A `Refund` row with a unique idempotency key is written in the same transaction as the
cancellation that causes it; the gateway call happens after commit with that key (Stripe
dedups on it). If the process dies in between, the reconciliation job sends the requested
refunds again — with the same key, so the buyer is never refunded twice.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from orders.events import record
from orders.lock_objects import lock_order
from orders.models import CLOSED_STATUSES, Order, OrderEventType
from payments.gateways import get_gateway
from payments.gateways import stripe as stripe_api
from payments.lock_objects import lock_refund, lock_transaction
from payments.models import (
    Refund,
    RefundStatus,
    Transaction,
    TransactionEventType,
    TransactionStatus,
)
from payments.transaction_events import add_event, cancel_intent_quietly

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def request_refund(
    txn: Transaction,
    amount: int,
    *,
    key: str,
    order: Order | None = None,
    reason: str = "",
    user: Any = None,
) -> Refund | None:
    """Record a refund to send; the same key twice gives the same row (None if amount ≤ 0)."""
    if amount <= 0:
        return None
    existing = Refund.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            refund = Refund.objects.create(
                transaction=txn,
                order=order,
                amount=amount,
                idempotency_key=key,
                reason=reason,
                requested_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except IntegrityError:
        return Refund.objects.get(idempotency_key=key)
    add_event(txn, TransactionEventType.REFUND_REQUEST, amount=amount, message=reason)
    if order is not None:
        record(order, OrderEventType.TRANSACTION_REFUND_REQUESTED, user, amount=amount)
    return refund


def request_order_refund(order: Order, user: Any, *, reason: str) -> Refund | None:
    """What the buyer paid for this (canceled) order goes back, if anything was charged."""
    paid = order.charged_amount - order.refunded_amount
    if paid <= 0 or order.payment_gateway != stripe_api.GATEWAY_ID:
        return None
    txn = (
        Transaction.objects.filter(order_group_id=order.group_id, gateway=stripe_api.GATEWAY_ID)
        .exclude(psp_reference__isnull=True)
        .order_by("-charged_amount", "-pk")
        .first()
    )
    if txn is None or txn.charged_amount <= 0:
        return None
    return request_refund(
        txn, paid, key=f"order-cancel:{order.pk}", order=order, reason=reason, user=user
    )


def execute_refund(refund_pk: int) -> Refund:
    """Send a requested refund to its gateway and record the answer. Call outside any
    transaction; safe to call again (the gateway call carries the refund's key)."""
    refund = Refund.objects.select_related("transaction").get(pk=refund_pk)
    if refund.status != RefundStatus.REQUESTED:
        return refund
    txn = refund.transaction
    gateway = get_gateway(txn.gateway, available_only=False)
    assert gateway is not None
    try:
        outcome = gateway.refund(refund, txn)
    except stripe_api.StripeError as exc:
        # The text can name the API host and port: the log gets it, the records its kind.
        logger.warning("refund %s failed", refund.idempotency_key, exc_info=True)
        failure = stripe_api.error_summary(exc)
        with transaction.atomic():
            locked_txn = lock_transaction(txn.pk)
            assert locked_txn is not None
            refund = lock_refund(refund_pk)
            refund.attempts += 1
            if refund.attempts >= MAX_ATTEMPTS:
                refund.status = RefundStatus.FAILED
                locked_txn.flag(f"refund {refund.idempotency_key} failed: {failure}")
                locked_txn.save()
                add_event(
                    locked_txn,
                    TransactionEventType.REFUND_FAILURE,
                    amount=refund.amount,
                    message=failure,
                )
            refund.save()
        return refund
    with transaction.atomic():
        locked_txn = lock_transaction(txn.pk)
        assert locked_txn is not None
        refund = lock_refund(refund_pk)
        if refund.status != RefundStatus.REQUESTED:
            return refund
        refund.status = RefundStatus.SUCCEEDED if outcome.succeeded else RefundStatus.FAILED
        refund.psp_reference = outcome.psp_reference
        refund.processed_at = timezone.now()
        refund.attempts += 1
        refund.save()
        succeeded = (
            Refund.objects.filter(transaction=locked_txn, status=RefundStatus.SUCCEEDED).aggregate(
                s=Sum("amount")
            )["s"]
            or 0
        )
        locked_txn.refunded_amount = max(locked_txn.refunded_amount, int(succeeded))
        locked_txn.save()
        add_event(
            locked_txn,
            TransactionEventType.REFUND_SUCCESS
            if outcome.succeeded
            else TransactionEventType.REFUND_FAILURE,
            amount=refund.amount,
            psp_reference=outcome.psp_reference,
            key=f"refund:{refund.pk}",
        )
        if refund.order_id and outcome.succeeded:
            order = lock_order(refund.order_id)
            assert order is not None
            order.refunded_amount = min(order.refunded_amount + refund.amount, order.charged_amount)
            order.save(update_fields=["refunded_amount", "updated_at"])
            record(order, OrderEventType.PAYMENT_REFUNDED, None, amount=refund.amount)
    return refund


def void_group_payment_if_closed(group_id: Any) -> bool:
    """Every order of the group closed before the card was charged: cancel the intent, so
    the buyer cannot pay for nothing. Call outside any transaction."""
    txn = Transaction.objects.filter(
        order_group_id=group_id,
        gateway=stripe_api.GATEWAY_ID,
        status=TransactionStatus.PENDING,
        charged_amount=0,
    ).first()
    if txn is None or not txn.psp_reference:
        return False
    if Order.objects.filter(group_id=group_id).exclude(status__in=CLOSED_STATUSES).exists():
        return False
    if not cancel_intent_quietly(txn.psp_reference):
        return False
    with transaction.atomic():
        locked = lock_transaction(txn.pk)
        assert locked is not None
        if locked.status == TransactionStatus.PENDING and locked.charged_amount == 0:
            locked.status = TransactionStatus.CANCELED
            locked.save(update_fields=["status", "modified_at"])
            add_event(locked, TransactionEventType.CANCEL_SUCCESS, key="voided")
    return True
