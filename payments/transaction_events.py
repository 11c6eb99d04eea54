"""Recording a payment transaction's events, and cancelling an intent without failing.

The shared bottom of `payments.transactions` and `payments.refunds`, which both record
events (and the former starts refunds), so neither has to import the other for these.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction

from payments.gateways import stripe as stripe_api
from payments.models import Transaction, TransactionEvent

logger = logging.getLogger("payments.transactions")  # the logger these lines always used


def add_event(
    txn: Transaction,
    type: str,
    *,
    amount: int = 0,
    psp_reference: str = "",
    message: str = "",
    key: str | None = None,
) -> TransactionEvent | None:
    """Record a transaction event; with `key`, at most once (None when already there)."""
    if key is not None:
        try:
            with transaction.atomic():
                return TransactionEvent.objects.create(
                    transaction=txn,
                    type=type,
                    amount=amount,
                    psp_reference=psp_reference,
                    message=message,
                    idempotency_key=key,
                )
        except IntegrityError:
            return None
    return TransactionEvent.objects.create(
        transaction=txn, type=type, amount=amount, psp_reference=psp_reference, message=message
    )


def cancel_intent_quietly(intent_id: str) -> bool:
    """Best effort; the reconciliation job retries what fails here."""
    try:
        stripe_api.cancel_intent(intent_id)
    except stripe_api.StripeError as exc:
        logger.info("could not cancel %s: %s", intent_id, exc)
        return False
    return True
