"""A payment is never lost: the periodic job that repairs what a crash or a lost webhook left.

Each step reads Stripe (outside any transaction) and then applies what it learns through
the same functions the webhook uses (marketplace/payments/transactions.py), so running it
again, or concurrently with a webhook, changes nothing twice.

1. Intents never recorded: a card transaction without a PaymentIntent id (the process
   died between creating the intent and saving its id). The create call is repeated with
   the same idempotency key, which makes Stripe return the original intent.
2. Open intents: a pending card transaction older than a grace period whose webhook never
   arrived. The intent is retrieved and applied (succeeded → orders paid, canceled →
   orders canceled and stock released).
3. Paid checkouts without orders: the buyer paid but never called checkoutComplete (or
   the call died). The checkout is completed automatically; if it cannot be (stock gone,
   product delisted, cart changed, checkout gone), the money is refunded and flagged.
4. Unpaid orders past their payment deadline: the intent is canceled at Stripe first (so
   it cannot be paid any more), then the orders expire and their stock returns. If Stripe
   says the intent succeeded meanwhile, the charge is recorded instead.
5. Refunds recorded but not sent: sent again with their idempotency key.

`reconcile_intent` (step 2's core) takes an IntentSnapshot, so it is exercised in tests
with real stripe-mock responses and our database state, without mocking.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.checkout.models import Checkout
from marketplace.errors import ValidationErrors
from marketplace.orders.models import OPEN_STATUSES, OrderEventType, OrderGroup, OrderStatus
from marketplace.payments.gateways import stripe as stripe_api
from marketplace.payments.lock_objects import lock_transaction
from marketplace.payments.models import (
    Refund,
    RefundStatus,
    Transaction,
    TransactionEventType,
    TransactionStatus,
)
from marketplace.payments.refunds import execute_refund, request_refund
from marketplace.payments.transactions import (
    add_event,
    apply_charge,
    apply_intent,
    flag_transaction,
)

logger = logging.getLogger(__name__)

RECORD_GRACE = datetime.timedelta(minutes=1)
WEBHOOK_GRACE = datetime.timedelta(minutes=5)
COMPLETION_GRACE = datetime.timedelta(minutes=10)


@dataclass
class Report:
    recovered_intents: list[str] = field(default_factory=list)
    synced: dict[str, str] = field(default_factory=dict)
    completed_checkouts: list[str] = field(default_factory=list)
    refunded_orphans: list[str] = field(default_factory=list)
    expired_groups: list[str] = field(default_factory=list)
    retried_refunds: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def _card() -> Any:
    return Transaction.objects.filter(gateway=stripe_api.GATEWAY_ID)


# --- 1 -------------------------------------------------------------------------------------


def recover_unrecorded_intents(now: datetime.datetime, report: Report) -> None:
    for txn in _card().filter(
        psp_reference__isnull=True,
        status=TransactionStatus.PENDING,
        created_at__lt=now - RECORD_GRACE,
    ):
        try:
            snapshot = stripe_api.create_intent(
                transaction_token=str(txn.token),
                checkout_token=str(txn.checkout_token),
                amount=txn.amount,
                description=f"OCOP checkout {txn.checkout_token}",
            )
        except stripe_api.StripeError as exc:
            report.errors.append(f"recover {txn.token}: {exc}")
            continue
        with transaction.atomic():
            locked = lock_transaction(txn.pk)
            assert locked is not None
            if locked.psp_reference:
                continue
            locked.psp_reference = snapshot.id
            locked.save(update_fields=["psp_reference", "modified_at"])
            add_event(
                locked,
                TransactionEventType.INFO,
                psp_reference=snapshot.id,
                message="intent recovered by reconciliation",
                key=f"recover:{snapshot.id}",
            )
        report.recovered_intents.append(snapshot.id)


# --- 2 -------------------------------------------------------------------------------------


def reconcile_intent(snapshot: stripe_api.IntentSnapshot) -> str:
    """Apply one intent as Stripe reports it (the webhook path, without the webhook)."""
    return apply_intent(snapshot, source="reconciliation")


def sync_open_intents(now: datetime.datetime, report: Report) -> None:
    for txn in _card().filter(
        psp_reference__isnull=False,
        status=TransactionStatus.PENDING,
        modified_at__lt=now - WEBHOOK_GRACE,
    ):
        try:
            snapshot = stripe_api.retrieve_intent(txn.psp_reference)
        except stripe_api.StripeError as exc:
            report.errors.append(f"retrieve {txn.psp_reference}: {exc}")
            continue
        report.synced[txn.psp_reference] = reconcile_intent(snapshot)


# --- 3 -------------------------------------------------------------------------------------


def settle_paid_checkout(txn: Transaction) -> str:
    """A charged card transaction without an order group: complete or refund it."""
    from marketplace.checkout.complete_checkout import complete_checkout

    latest = _card().filter(checkout_token=txn.checkout_token).order_by("-created_at", "-pk")
    is_latest = latest.first() == txn
    checkout = Checkout.objects.filter(pk=txn.checkout_token).select_related("user").first()
    reason = ""
    if checkout is not None and is_latest:
        try:
            completion = complete_checkout(checkout.pk, None, automatic=True)
        except ValidationErrors as exc:
            reason = "; ".join(e.message for e in exc.errors)
        else:
            return f"completed:{completion.group.pk}"
    else:
        reason = "checkout gone" if checkout is None else "superseded by a later payment"
    with transaction.atomic():
        locked = lock_transaction(txn.pk)
        assert locked is not None
        if locked.order_group_id is not None:
            return "completed_meanwhile"
        refund = request_refund(
            locked,
            locked.charged_amount - locked.refunded_amount,
            key=f"orphan:{locked.pk}",
            reason=f"paid checkout could not be completed: {reason}",
        )
        locked.flag(f"paid checkout could not be completed ({reason}); refunded")
        locked.save(update_fields=["needs_attention", "attention_reason", "modified_at"])
    if refund is not None:
        execute_refund(refund.pk)
    return "refunded"


def complete_paid_checkouts(now: datetime.datetime, report: Report) -> None:
    for txn in (
        _card()
        .filter(
            order_group__isnull=True,
            status=TransactionStatus.CHARGED,
            modified_at__lt=now - COMPLETION_GRACE,
        )
        .exclude(refunds__idempotency_key__startswith="orphan:")
    ):
        outcome = settle_paid_checkout(txn)
        if outcome.startswith("completed:"):
            report.completed_checkouts.append(str(txn.checkout_token))
        elif outcome == "refunded":
            report.refunded_orphans.append(str(txn.checkout_token))


# --- 4 -------------------------------------------------------------------------------------


def expire_group(group: OrderGroup) -> str:
    """Close an unpaid card order group whose payment deadline passed."""
    from marketplace.orders.release import release_group

    txn = _card().filter(order_group=group).order_by("-created_at", "-pk").first()
    if txn is not None and txn.charged_amount > 0:
        OrderGroup.objects.filter(pk=group.pk).update(payment_due_at=None)
        return "paid_meanwhile"
    if txn is not None and txn.psp_reference and txn.status == TransactionStatus.PENDING:
        try:
            stripe_api.cancel_intent(txn.psp_reference)
        except stripe_api.StripeError as exc:
            # Typically: it succeeded meanwhile. Ask Stripe and record what is true.
            try:
                snapshot = stripe_api.retrieve_intent(txn.psp_reference)
            except stripe_api.StripeError:
                return f"error: {exc}"
            if snapshot.status == "succeeded":
                return apply_charge(
                    txn.pk, snapshot.amount_received or snapshot.amount, source="expiry"
                )
            return f"error: {exc}"
    with transaction.atomic():
        locked = lock_transaction(txn.pk) if txn is not None else None
        if locked is not None:
            if locked.charged_amount > 0:
                return "paid_meanwhile"
            if locked.status == TransactionStatus.PENDING:
                locked.status = TransactionStatus.CANCELED
                locked.save(update_fields=["status", "modified_at"])
                add_event(
                    locked,
                    TransactionEventType.CANCEL_SUCCESS,
                    message="payment deadline passed",
                    key="expired",
                )
        closed = release_group(
            group.pk,
            status=OrderStatus.EXPIRED,
            events=(OrderEventType.EXPIRED,),
            reason="Quá hạn thanh toán. / Payment deadline passed.",
        )
        OrderGroup.objects.filter(pk=group.pk).update(payment_due_at=None)
    return "expired" if closed else "nothing_open"


def expire_unpaid_groups(now: datetime.datetime, report: Report | None = None) -> list[str]:
    expired = []
    groups = OrderGroup.objects.filter(
        payment_due_at__lt=now, orders__status__in=OPEN_STATUSES
    ).distinct()
    for group in groups:
        outcome = expire_group(group)
        if outcome == "expired":
            expired.append(str(group.pk))
        elif report is not None and outcome.startswith("error"):
            report.errors.append(f"expire {group.pk}: {outcome}")
    if report is not None:
        report.expired_groups.extend(expired)
    return expired


# --- 5 -------------------------------------------------------------------------------------


def retry_refunds(now: datetime.datetime, report: Report) -> None:
    for refund in Refund.objects.filter(
        status=RefundStatus.REQUESTED, created_at__lt=now - RECORD_GRACE
    ):
        done = execute_refund(refund.pk)
        if done.status != RefundStatus.REQUESTED:
            report.retried_refunds.append(done.idempotency_key)


def flag_mismatches(report: Report) -> None:
    """Charged more than asked, or refunds exceeding charges: a human should look."""
    for txn in Transaction.objects.filter(needs_attention=False, status=TransactionStatus.CHARGED):
        if txn.charged_amount > txn.amount or txn.refunded_amount > txn.charged_amount:
            flag_transaction(txn.pk, "amounts do not add up")


def run_reconciliation(now: datetime.datetime | None = None) -> Report:
    now = now or timezone.now()
    report = Report()
    if stripe_api.is_configured():
        recover_unrecorded_intents(now, report)
        sync_open_intents(now, report)
        complete_paid_checkouts(now, report)
    expire_unpaid_groups(now, report)
    retry_refunds(now, report)
    flag_mismatches(report)
    if any(v for k, v in report.as_dict().items()):
        logger.info("payment reconciliation: %s", report.as_dict())
    return report
