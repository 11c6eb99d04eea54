"""Payments' reactions to orders (orders.signals), connected in PaymentsConfig.ready():
orders sits below payments and does not import it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from orders.models import Order
from orders.signals import order_canceled, order_earned
from payments.payouts import do_record_earning
from payments.refunds import execute_refund, request_order_refund, void_group_payment_if_closed


def record_earning(sender: Any, order: Order, **kwargs: Any) -> None:
    """A delivered, paid order: its seller's ledger entry, in the order's transaction."""
    do_record_earning(order)


def refund_canceled(
    sender: Any, order: Order, user: Any, after_commit: list[Callable[[], Any]], **kwargs: Any
) -> None:
    """Record the refund of a canceled order in its transaction; send it (and void the
    group's intent once every order is closed) after commit."""
    refund = request_order_refund(order, user, reason=order.cancel_reason)
    if refund is not None:
        after_commit.append(lambda: execute_refund(refund.pk))
    group_id = order.group_id
    after_commit.append(lambda: void_group_payment_if_closed(group_id))


def connect() -> None:
    order_earned.connect(record_earning, dispatch_uid="payments-record-earning")
    order_canceled.connect(refund_canceled, dispatch_uid="payments-refund-canceled")
