"""A payment is never lost: the periodic job that repairs what a crash or a lost webhook left.

Each step reads Stripe (outside any transaction) and then applies what it learns through
the same functions the webhook uses (payments/transactions.py), so running it
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
   says the intent succeeded meanwhile, the charge is recorded instead. A partially paid
   (underpaid) group expires too, and what was received is refunded (see `expire_group`).
5. Refunds recorded but not sent: sent again with their idempotency key.
6. Amounts that do not add up: under- and over-payments (Saleor's PARTIAL and
   OVERCHARGED charge statuses) are flagged for staff, re-booked on their orders through
   the same booking function, listed in the report (`underpaid`, `overpaid`) and logged on
   every run until staff clear the flag.

`reconcile_intent` (step 2's core) takes an IntentSnapshot, so it is exercised in tests
with real stripe-mock responses and our database state, without mocking.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationErrors
from core.money import format_vnd
from orders.models import OPEN_STATUSES, OrderEventType, OrderGroup, OrderStatus
from orders.release import release_group
from payments.charge_status import ChargeStatus, charge_status
from payments.checkout_hooks import checkout_hooks
from payments.gateways import stripe as stripe_api
from payments.lock_objects import lock_transaction
from payments.models import (
    Refund,
    RefundStatus,
    Transaction,
    TransactionEventType,
    TransactionStatus,
)
from payments.refunds import execute_refund, request_refund
from payments.transactions import (
    add_event,
    amount_mismatch_reason,
    apply_charge,
    apply_intent,
    book_on_orders,
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
    # Flagged transactions (PaymentIntent ids) whose charged amount is not what was asked.
    underpaid: list[str] = field(default_factory=list)
    overpaid: list[str] = field(default_factory=list)
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
            logger.warning("could not recover the intent of %s", txn.token, exc_info=True)
            report.errors.append(f"recover {txn.token}: {stripe_api.error_summary(exc)}")
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
            logger.warning("could not retrieve %s", txn.psp_reference, exc_info=True)
            report.errors.append(f"retrieve {txn.psp_reference}: {stripe_api.error_summary(exc)}")
            continue
        report.synced[txn.psp_reference] = reconcile_intent(snapshot)


# --- 3 -------------------------------------------------------------------------------------


def settle_paid_checkout(txn: Transaction) -> str:
    """A charged card transaction without an order group: complete or refund it.

    An underpaid one is refunded, not completed: its orders would be placed unpaid, only to
    expire at their deadline (the buyer cannot pay the rest of a succeeded intent).
    """
    hooks = checkout_hooks()
    latest = _card().filter(checkout_token=txn.checkout_token).order_by("-created_at", "-pk")
    is_latest = latest.first() == txn
    exists = hooks.checkout_exists(txn.checkout_token)
    reason = ""
    if charge_status(txn.charged_amount, txn.amount) == ChargeStatus.PARTIAL:
        reason = f"underpaid: {format_vnd(txn.charged_amount)} of {format_vnd(txn.amount)} received"
    elif exists and is_latest:
        try:
            group_pk = hooks.complete_paid(txn.checkout_token)
        except ValidationErrors as exc:
            reason = "; ".join(e.message for e in exc.errors)
        else:
            return f"completed:{group_pk}"
    else:
        reason = "checkout gone" if not exists else "superseded by a later payment"
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
    """Close a card order group whose payment deadline passed without full payment.

    Unpaid: the intent is canceled at Stripe first (so it cannot be paid any more), then the
    orders expire and their stock returns. If Stripe says the intent succeeded meanwhile,
    the charge is booked (through `apply_intent`, as the webhook would) instead.

    Partially paid (an underpayment; Saleor's charge status PARTIAL): the group is not kept
    waiting, because the buyer has no way to pay the rest (the intent has succeeded and the
    checkout is gone), and holding the stock for a human would take it off sale. Nor is the
    money kept or silently dropped: the orders expire and their stock returns, and what was
    received is refunded through Stripe — as the domain already does for money that
    arrives for closed orders (`book_on_orders`) — and the transaction stays flagged for
    staff, with the refund noted. The refund is sent after the commit; if that fails, the
    job's refund retry sends it again with the same key.

    Locks the transaction row, then the group's orders, then stock.
    """
    txn = _card().filter(order_group=group).order_by("-created_at", "-pk").first()
    if txn is not None and txn.psp_reference and txn.status == TransactionStatus.PENDING:
        try:
            stripe_api.cancel_intent(txn.psp_reference)
        except stripe_api.StripeError as exc:
            # Typically: it succeeded meanwhile. Ask Stripe and record what is true.
            try:
                snapshot = stripe_api.retrieve_intent(txn.psp_reference)
            except stripe_api.StripeError:
                logger.warning("could not retrieve %s", txn.psp_reference, exc_info=True)
                return f"error: {stripe_api.error_summary(exc)}"
            if snapshot.status != "succeeded":
                logger.warning("could not cancel %s", txn.psp_reference, exc_info=exc)
                return f"error: {stripe_api.error_summary(exc)}"
            outcome = apply_intent(snapshot, source="expiry")
            txn.refresh_from_db()
            if charge_status(txn.charged_amount, txn.amount) != ChargeStatus.PARTIAL:
                return outcome
            # Underpaid: it expires below, like any partially paid group.
    refunds = []
    with transaction.atomic():
        locked = lock_transaction(txn.pk) if txn is not None else None
        if locked is not None:
            if locked.charged_amount > 0 and locked.charged_amount >= locked.amount:
                OrderGroup.objects.filter(pk=group.pk).update(payment_due_at=None)
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
            reason=str(_("Payment deadline passed.")),
        )
        if locked is not None and locked.charged_amount > 0:
            # Every order is closed now, so all that was received goes back.
            refunds = book_on_orders(locked).refunds
            returned = sum(r.amount for r in refunds)
            flag_transaction(
                locked.pk,
                f"underpaid group #{group.number} expired at its payment deadline; "
                f"{format_vnd(returned)} refunded",
            )
        OrderGroup.objects.filter(pk=group.pk).update(payment_due_at=None)
    for refund in refunds:
        execute_refund(refund.pk)
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


def flag_amount_mismatches(report: Report) -> None:
    """Charged less than asked (PARTIAL) or more (OVERCHARGED), or refunds above charges:
    a human should look.

    Each under- or over-paid transaction goes through the same booking function as the
    webhook (`apply_charge` with its own charged amount, which changes nothing already
    booked): it is flagged once per amount (an INFO event and a warning in the log), and its
    orders catch up if a checkout was completed after the charge. It is listed in the
    report — and so in the job's log line — on every run until staff clear the flag (the
    reason stays in `attention_reason`, so clearing it is not undone).
    """
    mismatched = Transaction.objects.filter(status=TransactionStatus.CHARGED).exclude(
        charged_amount=F("amount")
    )
    for txn in mismatched:
        reason = amount_mismatch_reason(txn)
        if reason is None:
            continue
        if reason not in txn.attention_reason or txn.needs_attention:
            apply_charge(txn.pk, txn.charged_amount, source="reconciliation")
            txn.refresh_from_db()
        if txn.needs_attention:
            listed = report.underpaid if txn.charged_amount < txn.amount else report.overpaid
            listed.append(txn.psp_reference or str(txn.token))
    for txn in Transaction.objects.filter(
        needs_attention=False,
        status=TransactionStatus.CHARGED,
        refunded_amount__gt=F("charged_amount"),
    ):
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
    flag_amount_mismatches(report)
    summary = report.as_dict()
    if report.underpaid or report.overpaid or report.errors:
        logger.warning("payment reconciliation needs attention: %s", summary)
    elif any(summary.values()):
        logger.info("payment reconciliation: %s", summary)
    return report
