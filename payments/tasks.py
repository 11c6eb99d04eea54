"""Celery tasks of the payments domain (the beat entries are in marketplace/celery.py)."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from django.utils import timezone

from payments.gateways import stripe as stripe_api
from payments.models import Transaction
from payments.reconciliation import expire_unpaid_groups, run_reconciliation

logger = logging.getLogger(__name__)


@shared_task(name="marketplace.payments.tasks.reconcile_payments")
def reconcile_payments() -> dict[str, Any]:
    return run_reconciliation().as_dict()


@shared_task(name="marketplace.payments.tasks.expire_unpaid_orders")
def expire_unpaid_orders() -> list[str]:
    """Card order groups past their payment deadline expire and their stock returns.

    A partially paid (underpaid) group expires too — the buyer cannot pay the rest of a
    succeeded intent — and what was received is refunded through Stripe and flagged for
    staff, never kept or dropped silently (reconciliation.expire_group says why)."""
    return expire_unpaid_groups(timezone.now())


@shared_task(name="marketplace.payments.tasks.tag_payment_intent", max_retries=3)
def tag_payment_intent(transaction_pk: int) -> bool:
    """Write the order group id into the PaymentIntent's metadata (best effort: the
    transaction row already links them; this helps a human reading Stripe's dashboard).

    Idempotent: it sets the same three keys to the same values each time, so a second
    delivery (the outbox delivers at least once) changes nothing."""
    txn = Transaction.objects.filter(pk=transaction_pk).first()
    if txn is None or not txn.psp_reference or txn.order_group_id is None:
        return False
    try:
        stripe_api.tag_intent(
            txn.psp_reference,
            {
                "transaction_token": str(txn.token),
                "checkout_token": str(txn.checkout_token),
                "order_group_id": str(txn.order_group_id),
            },
        )
    except stripe_api.StripeError as exc:
        logger.info("could not tag %s: %s", txn.psp_reference, exc)
        return False
    return True
