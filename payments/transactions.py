"""Starting payments for a checkout, and applying what the gateway reports.

The `apply_*` functions are the single place where a payment fact changes our data; the
webhook, `transactionProcess` and the reconciliation job all call them. Each locks the
transaction row first (then the group's orders, then stock), and is idempotent: charged
and refunded amounts are high-water marks, so a duplicate or late fact changes nothing.
Network calls (cancel an intent, send a refund) happen after commit.

What is booked is what the provider actually received (`amount_received`), never the amount
asked: an underpayment leaves the orders unpaid (Saleor's charge status PARTIAL) and an
overpayment shows as OVERCHARGED; both are flagged for staff (see `apply_charge`).

A failing provider call never shows its text to a client (it can name hosts and ports):
the client gets `provider_error()`, the detail goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import FieldError, ValidationErrors, fail
from core.money import format_vnd
from orders.events import event, record_many
from orders.lock_objects import lock_group_orders
from orders.models import CLOSED_STATUSES, Order, OrderEventType, OrderGroup, OrderStatus
from orders.notifications import queue_order_placed_notifications
from orders.release import release_group
from payments.charge_status import ChargeStatus, allocate, charge_status
from payments.checkout_hooks import checkout_hooks
from payments.gateways import GatewayResult, get_gateway
from payments.gateways import stripe as stripe_api
from payments.lock_objects import (
    lock_transaction,
    transaction_qs_select_for_update,
)
from payments.models import (
    Refund,
    RefundStatus,
    Transaction,
    TransactionEvent,
    TransactionEventType,
    TransactionStatus,
)
from payments.refunds import execute_refund, request_refund
from payments.transaction_events import add_event, cancel_intent_quietly

logger = logging.getLogger(__name__)


def latest_for_checkout(token: UUID | str) -> Transaction | None:
    return Transaction.objects.filter(checkout_token=token).order_by("-created_at", "-pk").first()


def lock_latest_for_checkout(token: UUID | str) -> Transaction | None:
    return (
        transaction_qs_select_for_update()
        .filter(checkout_token=token)
        .order_by("-created_at", "-pk")
        .first()
    )


# --- Starting a payment (transactionInitialize / transactionProcess) -----------------------


@dataclass
class Initialized:
    transaction: Transaction
    event: TransactionEvent | None
    data: dict[str, Any] | None
    # Set when the provider failed: what the client is told (see provider_error).
    error: FieldError | None = None


PROVIDER_FAILED = _("The payment provider failed; please try again later.")


def provider_error() -> FieldError:
    """What a client is told when the payment provider fails: a generic message and a code
    (Saleor's GRAPHQL_ERROR, in both TransactionInitializeErrorCode and
    TransactionProcessErrorCode). The provider's text can name its host and port, so it goes
    to the log only (`logger.exception`, with the request id when the request has one)."""
    return FieldError(None, PROVIDER_FAILED, "GRAPHQL_ERROR")


def check_gateway(gateway_id: str) -> Any:
    gateway = get_gateway(gateway_id)
    if gateway is None:
        fail(
            "payment_gateway",
            _("Payment gateway %(gateway_id)s is not available."),
            "NOT_FOUND",
            gateway_id=gateway_id,
        )
    return gateway


def _record_start(txn_pk: int, result: GatewayResult) -> Initialized:
    with transaction.atomic():
        txn = lock_transaction(txn_pk)
        assert txn is not None
        if result.psp_reference and not txn.psp_reference:
            txn.psp_reference = result.psp_reference
            txn.save(update_fields=["psp_reference", "modified_at"])
        event = add_event(
            txn,
            result.event_type,
            amount=txn.amount,
            psp_reference=result.psp_reference or "",
            message=result.message,
            key=f"start:{result.psp_reference or txn.gateway}",
        )
    return Initialized(txn, event, result.data)


def _record_start_failure(txn_pk: int, message: str) -> Initialized:
    with transaction.atomic():
        txn = lock_transaction(txn_pk)
        assert txn is not None
        if txn.status == TransactionStatus.PENDING and not txn.psp_reference:
            txn.status = TransactionStatus.FAILED
            txn.save(update_fields=["status", "modified_at"])
        event = add_event(
            txn, TransactionEventType.CHARGE_FAILURE, amount=txn.amount, message=message
        )
    return Initialized(txn, event, None)


def do_initialize(
    checkout_token: UUID | str,
    gateway_id: str,
    *,
    user: Any,
    amount: int | None = None,
    idempotency_key: str | None = None,
) -> Initialized:
    """Start paying a checkout's total with a gateway (Saleor's transactionInitialize).

    The transaction row is committed BEFORE the gateway is called and the call happens
    outside any transaction; a crash between the call and recording its answer leaves a
    pending row without a PaymentIntent id, which the reconciliation job repairs by
    repeating the call with the same idempotency key. So its first transaction must be the
    outermost (`durable=True`), and the gateway calls follow its commit.

    Locks: the checkout row, FOR NO KEY UPDATE (`checkout.payment_hooks.lock_and_fetch` →
    `lock_checkout`), then the checkout's earlier pending transactions, FOR NO KEY UPDATE in
    pk order (`transaction_qs_select_for_update`); after the gateway answers, the new
    transaction row, FOR NO KEY UPDATE (`lock_transaction`), in a short transaction of its own.
    """
    gateway = check_gateway(gateway_id)
    key = (idempotency_key or "").strip() or None
    if key:
        existing = Transaction.objects.filter(checkout_token=checkout_token, idempotency_key=key)
        found = existing.first()
        if found is not None:
            return resume(found)
    superseded: list[str] = []
    with transaction.atomic(durable=True):
        hooks = checkout_hooks()
        info = hooks.lock_and_fetch(checkout_token)
        if info is None:
            fail("id", _("Checkout not found."), "NOT_FOUND")
        try:
            hooks.check_ready(info)
        except ValidationErrors as exc:
            raise ValidationErrors(
                [FieldError(e.field, e.message, "INVALID") for e in exc.errors]
            ) from None
        if amount is not None and int(amount) != info.total:
            fail(
                "amount",
                _("The amount must equal the checkout total (%(total)s)."),
                "INVALID",
                total=format_vnd(info.total),
            )
        # Earlier unpaid attempts are superseded: their intents are canceled after commit.
        for old in transaction_qs_select_for_update().filter(
            checkout_token=checkout_token,
            status=TransactionStatus.PENDING,
            order_group__isnull=True,
            charged_amount=0,
        ):
            old.status = TransactionStatus.CANCELED
            old.save(update_fields=["status", "modified_at"])
            add_event(old, TransactionEventType.CANCEL_REQUEST, message="superseded")
            if old.psp_reference and old.gateway == stripe_api.GATEWAY_ID:
                superseded.append(old.psp_reference)
        txn = Transaction.objects.create(
            checkout_token=checkout_token,
            gateway=gateway.stored_id,
            name=gateway.name,
            amount=info.total,
            idempotency_key=key,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
    for intent_id in superseded:
        cancel_intent_quietly(intent_id)
    try:
        result = gateway.start(txn)
    except stripe_api.StripeError as exc:
        logger.exception("payment start failed for transaction %s", txn.token)
        failed = _record_start_failure(
            txn.pk, f"{PROVIDER_FAILED} ({stripe_api.error_summary(exc)})"
        )
        failed.error = provider_error()
        return failed
    return _record_start(txn.pk, result)


def resume(txn: Transaction) -> Initialized:
    """Where the payment stands now (Saleor's transactionProcess); applies what it learns."""
    gateway = get_gateway(txn.gateway, available_only=False)
    assert gateway is not None
    try:
        result = gateway.resume(txn)
    except stripe_api.StripeError:
        logger.exception("payment process failed for transaction %s", txn.token)
        return Initialized(txn, None, None, error=provider_error())
    if result.psp_reference and not txn.psp_reference:
        started = _record_start(txn.pk, result)
        txn = started.transaction
    if isinstance(result.snapshot, stripe_api.IntentSnapshot):
        apply_intent(result.snapshot, source="process")
    txn.refresh_from_db()
    return Initialized(txn, txn.events.order_by("-created_at", "-pk").first(), result.data)


# --- Applying gateway facts ---------------------------------------------------------------


@dataclass
class Applied:
    outcome: str
    after_commit: list[Callable[[], Any]] = field(default_factory=list)

    def finish(self) -> str:
        """Run the follow-ups (network calls) once the outermost transaction commits; a
        follow-up failing is logged and never undoes what was recorded."""
        for job in self.after_commit:
            transaction.on_commit(job, robust=True)
        return self.outcome


def find_transaction_for(snapshot: stripe_api.IntentSnapshot) -> Transaction | None:
    """By intent id; else by the transaction token in its metadata, adopting the intent
    (the process died after creating it, before recording its id)."""
    txn = Transaction.objects.filter(psp_reference=snapshot.id).first()
    if txn is not None:
        return txn
    token = snapshot.metadata.get("transaction_token")
    if not token:
        return None
    try:
        with transaction.atomic():
            candidate = (
                transaction_qs_select_for_update()
                .filter(token=token, gateway=stripe_api.GATEWAY_ID)
                .first()
            )
            if candidate is None:
                return None
            if not candidate.psp_reference:
                candidate.psp_reference = snapshot.id
                candidate.save(update_fields=["psp_reference", "modified_at"])
                add_event(
                    candidate,
                    TransactionEventType.INFO,
                    psp_reference=snapshot.id,
                    message="intent adopted from metadata",
                    key=f"adopt:{snapshot.id}",
                )
            return candidate if candidate.psp_reference == snapshot.id else None
    except (IntegrityError, ValueError):
        return None


def apply_intent(snapshot: stripe_api.IntentSnapshot, *, source: str) -> str:
    """Bring our records in line with a PaymentIntent's state.

    The one entry for an intent, whoever saw it: the webhook, `transactionProcess` (which
    retrieves the intent) and the reconciliation job all come through here, so a succeeded
    intent is booked by `apply_succeeded` → `apply_charge` whatever the path.
    """
    txn = find_transaction_for(snapshot)
    if txn is None:
        return "unknown_intent"
    if snapshot.amount != txn.amount or snapshot.currency not in ("", stripe_api.CURRENCY):
        flag_transaction(
            txn.pk,
            f"intent {snapshot.id} is {snapshot.amount} {snapshot.currency}, "
            f"expected {txn.amount} vnd",
        )
    if snapshot.status == "succeeded":
        return apply_succeeded(txn, snapshot, source=source)
    if snapshot.status == "canceled":
        return apply_failure(txn.pk, message=f"intent canceled ({source})", canceled=True)
    return "pending"


def apply_succeeded(txn: Transaction, snapshot: stripe_api.IntentSnapshot, *, source: str) -> str:
    """A succeeded intent: book `amount_received`, what Stripe actually took — never the
    amount the intent asked for, which is what the buyer owed, not what was paid.

    An intent in another currency cannot be booked in đồng: it is flagged, nothing booked.
    """
    if snapshot.currency not in ("", stripe_api.CURRENCY):
        flag_transaction(
            txn.pk, f"intent {snapshot.id} succeeded in {snapshot.currency}; nothing booked"
        )
        return "currency_mismatch"
    return apply_charge(txn.pk, snapshot.amount_received, source=source)


def flag_transaction(txn_pk: int, reason: str) -> None:
    with transaction.atomic():
        txn = lock_transaction(txn_pk)
        if txn is not None and reason not in txn.attention_reason:
            txn.flag(reason)
            txn.save(update_fields=["needs_attention", "attention_reason", "modified_at"])


def amount_mismatch_reason(txn: Transaction) -> str | None:
    """Why the charged amount needs a human (None when it is what was asked, or nothing yet
    for a transaction that never succeeded)."""
    status = charge_status(txn.charged_amount, txn.amount)
    received, expected = format_vnd(txn.charged_amount), format_vnd(txn.amount)
    if status == ChargeStatus.PARTIAL:
        return f"underpaid (PARTIAL): {received} of {expected} received"
    if status == ChargeStatus.OVERCHARGED:
        return f"overpaid (OVERCHARGED): {received} of {expected} received"
    return None


def _flag_amount(txn: Transaction, reason: str) -> bool:
    """Flag a locked transaction for staff once per reason: the flag, an INFO event on the
    transaction (shown with its events) and a warning in the log. True when newly flagged."""
    if reason in txn.attention_reason:
        return False
    txn.flag(reason)
    txn.save(update_fields=["needs_attention", "attention_reason", "modified_at"])
    add_event(
        txn,
        TransactionEventType.INFO,
        amount=txn.charged_amount,
        psp_reference=txn.psp_reference or "",
        message=reason,
        key=f"amount-flag:{txn.charged_amount}",
    )
    logger.warning(
        "payment %s (%s) flagged: %s", txn.token, txn.psp_reference or txn.gateway, reason
    )
    return True


_OUTCOME = {
    ChargeStatus.FULL: "charged",
    ChargeStatus.PARTIAL: "underpaid",
    ChargeStatus.OVERCHARGED: "overpaid",
}


def apply_charge(txn_pk: int, amount_received: int, *, source: str) -> str:
    """The payment was captured: book `amount_received` (Stripe's cumulative figure) on the
    transaction, then split it over the group's orders (`book_on_orders`).

    Locks the transaction row, then the group's orders (pk order). Idempotent: the charged
    amount is a high-water mark, so the same or a smaller figure changes nothing
    ("duplicate") — unless the orders lag behind the transaction (a checkout completed
    after an underpaid charge), which it repairs.

    Less than asked (Saleor's PARTIAL) or more (OVERCHARGED) is booked as received and
    flagged for staff. An underpaid group stays unpaid: no order looks paid, no "order
    placed" notification goes out, its payment deadline stays, and at the deadline it
    expires, its stock returns and the money received is refunded (reconciliation's
    `expire_group`). A success with nothing received books nothing and is flagged.
    """
    applied = Applied("charged")
    with transaction.atomic():
        txn = lock_transaction(txn_pk)
        assert txn is not None
        raised = amount_received > txn.charged_amount
        if raised:
            if txn.status in (TransactionStatus.FAILED, TransactionStatus.CANCELED):
                txn.flag(f"charged after being {txn.status}; its orders are refunded")
            txn.charged_amount = amount_received
            txn.status = TransactionStatus.CHARGED
            txn.save()
            add_event(
                txn,
                TransactionEventType.CHARGE_SUCCESS,
                amount=amount_received,
                psp_reference=txn.psp_reference or "",
                message=source,
                key=f"charge:{amount_received}",
            )
        elif txn.charged_amount <= 0:
            _flag_amount(txn, f"succeeded with nothing received; {format_vnd(txn.amount)} expected")
            return "nothing_received"
        status = charge_status(txn.charged_amount, txn.amount)
        reason = amount_mismatch_reason(txn)
        if reason is not None:
            _flag_amount(txn, reason)
        if txn.order_group_id is None:
            # Paid before checkoutComplete: the completion (or the reconciliation job, which
            # completes fully paid checkouts) creates the orders.
            return f"{_OUTCOME[status]}_without_order" if raised else "duplicate"
        booked = book_on_orders(txn)
        if not raised and not booked.changed:
            return "duplicate"
        if booked.fully_paid_now:
            # Written to the outbox in this transaction: it commits with the payment or not
            # at all, so a crash right after COMMIT cannot lose the e-mails.
            queue_order_placed_notifications(txn.order_group_id)
        for refund in booked.refunds:
            applied.after_commit.append(partial(execute_refund, refund.pk))
        applied.outcome = "charged_refunding_closed_orders" if booked.refunds else _OUTCOME[status]
    return applied.finish()


@dataclass
class Booked:
    changed: bool = False
    # Every open order is now paid in full, and one of them became so in this call.
    fully_paid_now: bool = False
    refunds: list[Refund] = field(default_factory=list)


def _refunds_total(txn: Transaction, **filters: Any) -> int:
    """Refunds sent or to be sent for the transaction (failed ones do not count)."""
    return int(
        Refund.objects.filter(
            transaction=txn,
            status__in=(RefundStatus.REQUESTED, RefundStatus.SUCCEEDED),
            **filters,
        ).aggregate(s=Sum("amount"))["s"]
        or 0
    )


def book_on_orders(txn: Transaction) -> Booked:
    """Split what the transaction received over its group's orders; money for orders closed
    meanwhile goes back.

    Each order's share is in proportion to its total (`charge_status.allocate`), so while
    the group is underpaid no order reaches its total: each stays PARTIAL (or NONE) and
    unpaid. Money already refunded at the transaction level (an orphan refund) is not
    split. Shares of closed orders are refunded once (key `closed-order:<pk>`); when no open
    order is left, the đồng no order could take are refunded too (`unallocated:<pk>`).
    Never refunds more than is left on the transaction. Idempotent: orders only move up to
    their share, refunds are keyed.

    Expects `txn` to be locked; locks the group's orders (pk order).
    """
    group_id = txn.order_group_id
    assert group_id is not None
    booked = Booked()
    now = timezone.now()
    orders = sorted(lock_group_orders(group_id), key=lambda o: o.number)
    available = txn.charged_amount - _refunds_total(txn, order__isnull=True)
    shares = allocate(available, [o.total_amount for o in orders])
    refundable = txn.charged_amount - max(txn.refunded_amount, _refunds_total(txn))
    events = []
    moved: list[Order] = []
    newly_paid = False

    def refund(amount: int, key: str, order: Order | None, reason: str) -> None:
        nonlocal refundable
        amount = min(amount, refundable)
        if amount <= 0 or Refund.objects.filter(idempotency_key=key).exists():
            return
        made = request_refund(txn, amount, key=key, order=order, reason=reason)
        if made is not None:
            refundable -= made.amount
            booked.refunds.append(made)
            booked.changed = True

    for order, share in zip(orders, shares, strict=True):
        if order.status in CLOSED_STATUSES:
            refund(
                share - _refunds_total(txn, order=order),
                f"closed-order:{order.pk}",
                order,
                f"paid after order #{order.number} was {order.status}",
            )
            continue
        if share <= order.charged_amount:
            continue
        was_paid = order.charged_amount >= order.total_amount
        captured = share - order.charged_amount
        order.charged_amount = share
        moved.append(order)
        events.append(
            event(
                order,
                OrderEventType.PAYMENT_CAPTURED,
                None,
                amount=captured,
                payment_gateway=txn.gateway,
                payment_id=txn.psp_reference,
            )
        )
        if not was_paid and share >= order.total_amount:
            order.paid_at = now
            newly_paid = True
            events.append(
                event(order, OrderEventType.ORDER_FULLY_PAID, None, amount=order.total_amount)
            )
    if moved:
        Order.objects.bulk_update(moved, ["charged_amount", "paid_at", "updated_at"])
        record_many(events)
        booked.changed = True
    open_orders = [o for o in orders if o.status not in CLOSED_STATUSES]
    if not open_orders:
        refund(
            available - sum(shares),
            f"unallocated:{txn.pk}",
            None,
            "received for orders that are all closed",
        )
    elif all(o.charged_amount >= o.total_amount for o in open_orders):
        OrderGroup.objects.filter(pk=group_id).update(payment_due_at=None)
        booked.fully_paid_now = newly_paid
    return booked


def apply_failure(txn_pk: int, *, message: str, canceled: bool = False) -> str:
    """The payment failed (or its intent was canceled) before anything was charged: the
    group's unshipped orders are canceled and their stock returns."""
    applied = Applied("failed" if not canceled else "canceled")
    with transaction.atomic():
        txn = lock_transaction(txn_pk)
        assert txn is not None
        if txn.charged_amount > 0 or txn.status in (
            TransactionStatus.FAILED,
            TransactionStatus.CANCELED,
        ):
            return "ignored"
        txn.status = TransactionStatus.CANCELED if canceled else TransactionStatus.FAILED
        txn.save(update_fields=["status", "modified_at"])
        add_event(
            txn,
            TransactionEventType.CANCEL_SUCCESS
            if canceled
            else TransactionEventType.CHARGE_FAILURE,
            amount=txn.amount,
            psp_reference=txn.psp_reference or "",
            message=message,
            key="failure",
        )
        if txn.order_group_id is not None:
            release_group(
                txn.order_group_id,
                status=OrderStatus.CANCELED,
                events=(OrderEventType.PAYMENT_FAILED, OrderEventType.CANCELED),
                reason=message,
            )
        if not canceled and txn.psp_reference:
            # A failed intent can be retried by the buyer; the orders are gone, so close it.
            intent_id = txn.psp_reference
            applied.after_commit.append(lambda: cancel_intent_quietly(intent_id))
    return applied.finish()


def apply_refunded_total(txn_pk: int, amount_refunded: int) -> str:
    """Stripe's cumulative refunded amount for the charge (charge.refunded)."""
    with transaction.atomic():
        txn = lock_transaction(txn_pk)
        assert txn is not None
        if amount_refunded <= txn.refunded_amount:
            return "duplicate"
        ours = (
            Refund.objects.filter(
                transaction=txn, status__in=(RefundStatus.REQUESTED, RefundStatus.SUCCEEDED)
            ).aggregate(s=Sum("amount"))["s"]
            or 0
        )
        if amount_refunded > ours:
            txn.flag(f"{format_vnd(amount_refunded - ours)} refunded outside the marketplace")
        txn.refunded_amount = amount_refunded
        txn.save()
        add_event(
            txn,
            TransactionEventType.REFUND_SUCCESS,
            amount=amount_refunded,
            psp_reference=txn.psp_reference or "",
            message="charge.refunded",
            key=f"refunded-total:{amount_refunded}",
        )
    return "refunded"
