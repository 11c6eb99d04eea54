"""Stripe webhook events, applied exactly once.

The event id is inserted (unique) in the same database transaction as the event's effect:
a replay finds the id and changes nothing; two deliveries racing each other serialize on
the unique index and the loser changes nothing. Out-of-order events are safe because the
effects themselves are monotonic (payments/transactions.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import IntegrityError, transaction

from payments.gateways.stripe import IntentSnapshot
from payments.models import ProcessedStripeEvent, Transaction
from payments.transactions import (
    apply_failure,
    apply_intent,
    apply_refunded_total,
    find_transaction_for,
)

HANDLED = ("payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded")


def _claim(event_id: str, type: str, object_id: str) -> ProcessedStripeEvent | None:
    """The event's row, or None if it was already processed. Call inside atomic()."""
    try:
        with transaction.atomic():
            return ProcessedStripeEvent.objects.create(
                event_id=event_id, type=type, object_id=object_id
            )
    except IntegrityError:
        return None


def handle_event(event: dict[str, Any]) -> str:
    """Apply one verified event (as a plain dict); returns what happened."""
    event_id = str(event.get("id") or "")
    type = str(event.get("type") or "")
    obj = (event.get("data") or {}).get("object") or {}
    object_id = str(obj.get("id") or "")
    if not event_id:
        return "malformed"
    if type not in HANDLED:
        return "ignored"
    # The claim and the effect commit together: the outer atomic spans both.
    with transaction.atomic():
        claim = _claim(event_id, type, object_id)
        if claim is None:
            return "duplicate"
        outcome = _apply(type, obj)
        claim.outcome = outcome
        claim.save(update_fields=["outcome"])
    return outcome


def _apply(type: str, obj: dict[str, Any]) -> str:
    if type.startswith("payment_intent."):
        snapshot = IntentSnapshot.from_stripe(obj)
        txn = find_transaction_for(snapshot)
        if txn is None:
            return "unknown_intent"
        if type == "payment_intent.succeeded":
            # The event type is authoritative. Books amount_received (what Stripe took) the
            # same way transactionProcess and the reconciliation job do, never the amount
            # the intent asked for.
            return apply_intent(replace(snapshot, status="succeeded"), source="webhook")
        error = (obj.get("last_payment_error") or {}).get("message") or "payment failed"
        return apply_failure(txn.pk, message=str(error))
    intent_id = str(obj.get("payment_intent") or "")
    txn = Transaction.objects.filter(psp_reference=intent_id).first() if intent_id else None
    if txn is None:
        return "unknown_intent"
    return apply_refunded_total(txn.pk, int(obj.get("amount_refunded") or 0))
