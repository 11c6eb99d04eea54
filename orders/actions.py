"""What a seller (or an admin) does with an order: confirm, fulfil, mark delivered or paid,
cancel. Each `do_*` runs in its own transaction, locks the order row first (then stock rows,
pk order) and writes an event; a refused action writes nothing.

    unconfirmed ──confirm──▶ unfulfilled ──fulfil──▶ partially fulfilled ──▶ fulfilled
         │                        │                         │                   │
         └───────cancel───────────┴──────(nothing shipped)──┘            mark delivered
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalog.models import Warehouse
from core.errors import by_language, fail
from core.input_limits import check_text, max_length_of
from livestream.claims import release_claims_of_order
from orders.events import record
from orders.lock_objects import lock_order
from orders.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderEventType,
    OrderLine,
    OrderStatus,
    PaymentGatewayId,
)
from orders.permissions import can_manage_order, can_view_order
from orders.signals import order_canceled, order_earned
from orders.stock import Shipment, consume, deallocate


def check_can_manage(user: Any, order: Order | None) -> Order:
    """NOT_FOUND for who may not even see the order; PERMISSION_DENIED for who may see it
    but not act on it (the buyer, an officer)."""
    if order is not None and can_manage_order(user, order):
        return order
    if order is not None and can_view_order(user, order):
        fail("id", _("Only the order's seller can do this."), "PERMISSION_DENIED")
    fail("id", _("Order not found."), "NOT_FOUND")


def _locked(order_pk: Any, user: Any) -> Order:
    return check_can_manage(user, lock_order(order_pk))


@dataclass
class ActionResult:
    order: Order
    after_commit: list[Callable[[], Any]] = field(default_factory=list)

    def run_after_commit(self) -> None:
        """Network follow-ups (refunds), once the outermost transaction has committed."""
        for job in self.after_commit:
            transaction.on_commit(job, robust=True)


def do_confirm(order_pk: Any, user: Any) -> Order:
    """unconfirmed → unfulfilled. One transaction, the outermost.

    Locks: the order row, FOR NO KEY UPDATE (`lock_order`; its seller and group are read,
    not locked).
    """
    with transaction.atomic(durable=True):
        order = _locked(order_pk, user)
        if order.status != OrderStatus.UNCONFIRMED:
            fail("id", _("Provided order id cannot be confirmed."), "INVALID")
        order.status = OrderStatus.UNFULFILLED
        order.confirmed_at = timezone.now()
        order.save(update_fields=["status", "confirmed_at", "updated_at"])
        record(order, OrderEventType.CONFIRMED, user)
    return order


@dataclass(frozen=True)
class FulfillItem:
    line_pk: str
    warehouse_pk: int
    quantity: int


def _check_fulfillable(order: Order) -> None:
    if order.status == OrderStatus.UNCONFIRMED:
        fail("order", _("Confirm the order before fulfilling it."), "INVALID")
    if order.status not in (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED):
        fail(
            "order",
            _("An order with status %(status)s cannot be fulfilled."),
            "INVALID",
            status=by_language(order.get_status_display(), order.status),
        )
    if order.payment_gateway != PaymentGatewayId.COD and not order.is_paid:
        fail("order", _("Cannot fulfill an unpaid order."), "CANNOT_FULFILL_UNPAID_ORDER")


def _check_items(order: Order, items: Sequence[FulfillItem]) -> dict[str, OrderLine]:
    if not items:
        fail("lines", _("Provide lines to fulfill."), "REQUIRED")
    lines = {str(line.pk): line for line in order.lines.all()}
    warehouses = set(
        Warehouse.objects.filter(seller_id=order.seller_id).values_list("pk", flat=True)
    )
    totals: dict[str, int] = {}
    seen: set[tuple[str, int]] = set()
    for item in items:
        if item.line_pk not in lines:
            fail("order_line_id", _("Order line not found."), "NOT_FOUND")
        if item.warehouse_pk not in warehouses:
            fail(
                "warehouse", pgettext_lazy("another seller's", "Warehouse not found."), "NOT_FOUND"
            )
        if (item.line_pk, item.warehouse_pk) in seen:
            fail("order_line_id", _("Duplicated line."), "DUPLICATED_INPUT_ITEM")
        seen.add((item.line_pk, item.warehouse_pk))
        if item.quantity <= 0:
            fail("quantity", _("Quantity must be positive."), "ZERO_QUANTITY")
        totals[item.line_pk] = totals.get(item.line_pk, 0) + item.quantity
    for line_pk, quantity in totals.items():
        if quantity > lines[line_pk].quantity_to_fulfill:
            fail(
                "order_line_id",
                _("Only %(quantity_to_fulfill)s unit(s) left to fulfill."),
                "FULFILL_ORDER_LINE",
                quantity_to_fulfill=lines[line_pk].quantity_to_fulfill,
            )
    return lines


# Free-text inputs stored in text columns or event JSON still get a bound: a reason is a
# sentence or two, a payment reference is a bank transfer's code.
MAX_REASON_LENGTH = 2000
MAX_REFERENCE_LENGTH = 255


def do_fulfill(
    order_pk: Any,
    user: Any,
    items: Sequence[FulfillItem],
    *,
    tracking_number: str = "",
    carrier: str = "",
) -> tuple[Order, Fulfillment]:
    """Ship units: they leave the shelf (stock quantity and allocation both drop). One
    transaction, the outermost.

    Locks: the order row, FOR NO KEY UPDATE (`lock_order`; its seller and group are read,
    not locked), then its allocations'
    stock rows, FOR NO KEY UPDATE in pk order (`orders.stock.consume` → `lock_stocks`).
    """
    tracking_number, carrier = tracking_number.strip(), carrier.strip()
    check_text("tracking_number", tracking_number, max_length_of(Fulfillment, "tracking_number"))
    check_text("carrier", carrier, max_length_of(Fulfillment, "carrier"))
    with transaction.atomic(durable=True):
        order = _locked(order_pk, user)
        _check_fulfillable(order)
        lines = _check_items(order, items)
        consume([Shipment(lines[i.line_pk], i.quantity, i.warehouse_pk) for i in items])
        fulfillment = Fulfillment.objects.create(
            order=order,
            fulfillment_order=order.fulfillments.count() + 1,
            tracking_number=tracking_number,
            carrier=carrier,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        FulfillmentLine.objects.bulk_create(
            FulfillmentLine(
                fulfillment=fulfillment, order_line=lines[i.line_pk], quantity=i.quantity
            )
            for i in items
        )
        for item in items:
            lines[item.line_pk].quantity_fulfilled += item.quantity
        OrderLine.objects.bulk_update(list(lines.values()), ["quantity_fulfilled"])
        done = all(line.quantity_to_fulfill == 0 for line in lines.values())
        order.status = OrderStatus.FULFILLED if done else OrderStatus.PARTIALLY_FULFILLED
        if done:
            order.fulfilled_at = timezone.now()
        if tracking_number:
            order.tracking_number = tracking_number
        if carrier:
            order.carrier = carrier
        order.save(
            update_fields=["status", "fulfilled_at", "tracking_number", "carrier", "updated_at"]
        )
        record(
            order,
            OrderEventType.FULFILLMENT_FULFILLED_ITEMS,
            user,
            quantity=sum(i.quantity for i in items),
            fulfillment=fulfillment.fulfillment_order,
        )
        if tracking_number:
            record(
                order,
                OrderEventType.TRACKING_UPDATED,
                user,
                tracking_number=tracking_number,
                carrier=carrier,
            )
    return order, fulfillment


def _mark_paid(order: Order, user: Any, reference: str) -> None:
    order.charged_amount = order.total_amount
    order.paid_at = timezone.now()
    order.save(update_fields=["charged_amount", "paid_at", "updated_at"])
    record(
        order,
        OrderEventType.ORDER_MARKED_AS_PAID,
        user,
        amount=order.total_amount,
        transaction_reference=reference,
    )


def do_mark_delivered(order_pk: Any, user: Any) -> Order:
    """The parcel reached the buyer. Cash on delivery was collected then, so a COD order is
    paid now; a delivered, paid order earns its seller a ledger entry (`order_earned`, in
    this transaction). One transaction, the outermost.

    Locks: the order row, FOR NO KEY UPDATE (`lock_order`; its seller and group are read,
    not locked); the ledger entry is a new
    row (`payments.payouts.do_record_earning`, a savepoint).
    """
    with transaction.atomic(durable=True):
        order = _locked(order_pk, user)
        if order.status != OrderStatus.FULFILLED or order.delivered_at is not None:
            fail(
                "id",
                _("Only a fulfilled, not yet delivered order can be marked delivered."),
                "INVALID",
            )
        order.delivered_at = timezone.now()
        order.save(update_fields=["delivered_at", "updated_at"])
        record(order, OrderEventType.OTHER, user, message="delivered")
        if order.payment_gateway == PaymentGatewayId.COD and not order.is_paid:
            _mark_paid(order, user, "cod")
        if order.is_paid:
            order_earned.send(sender=Order, order=order)
    return order


def do_mark_as_paid(order_pk: Any, user: Any, reference: str = "") -> Order:
    """Cash on delivery collected (Saleor's orderMarkAsPaid); card orders are paid by Stripe.
    One transaction, the outermost.

    Locks: the order row, FOR NO KEY UPDATE (`lock_order`; its seller and group are read,
    not locked); a ledger entry, if earned, is
    a new row (`payments.payouts.do_record_earning`, a savepoint).
    """
    check_text("transaction_reference", reference.strip(), MAX_REFERENCE_LENGTH)
    with transaction.atomic(durable=True):
        order = _locked(order_pk, user)
        if order.payment_gateway != PaymentGatewayId.COD:
            fail("id", _("Card payments are recorded by the gateway."), "INVALID")
        if order.status in CLOSED_STATUSES or order.is_paid:
            fail("id", _("The order is canceled or already paid."), "INVALID")
        _mark_paid(order, user, reference.strip())
        if order.delivered_at is not None:
            order_earned.send(sender=Order, order=order)
    return order


def do_cancel(order_pk: Any, user: Any, reason: str) -> ActionResult:
    """Cancel before anything shipped: the stock returns; a card payment is refunded.

    The refund itself is sent after commit (ActionResult.run_after_commit); it is recorded
    first, so a crash in between is retried by the reconciliation job. Payments does both,
    on `order_canceled`. One transaction, the outermost.

    Locks: the order row, FOR NO KEY UPDATE (`lock_order`; its seller and group are read,
    not locked); then its live claims, each
    claim, buyer counter and offer row by conditional UPDATE (implicit row locks, claim-id
    order: `livestream.claims.release_claims_of_order`); then its allocations' stock rows,
    FOR NO KEY UPDATE in pk order (`orders.stock.deallocate` → `lock_stocks`). The refund
    row `order_canceled` records is new; it is sent on commit.
    """
    result: ActionResult
    with transaction.atomic(durable=True):
        order = _locked(order_pk, user)
        if not (reason or "").strip():
            fail("reason", pgettext_lazy("cancel", "A reason is required."), "REQUIRED")
        check_text("reason", reason.strip(), MAX_REASON_LENGTH)
        fulfilled = any(line.quantity_fulfilled for line in order.lines.all())
        if order.status not in OPEN_STATUSES or fulfilled:
            fail("id", _("This order cannot be canceled."), "CANNOT_CANCEL_ORDER")
        order.status = OrderStatus.CANCELED
        order.canceled_at = timezone.now()
        order.cancel_reason = reason.strip()
        order.save(update_fields=["status", "canceled_at", "cancel_reason", "updated_at"])
        # Live-offer units go back before stock: offers are locked before stock everywhere.
        release_claims_of_order(str(order.pk))
        released = deallocate([order])
        record(order, OrderEventType.CANCELED, user, message=order.cancel_reason, quantity=released)
        result = ActionResult(order)
        order_canceled.send(sender=Order, order=order, user=user, after_commit=result.after_commit)
    result.run_after_commit()
    order.refresh_from_db()
    result.order = order
    return result
