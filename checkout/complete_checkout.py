"""Completing a checkout: one order group, one order per seller, stock allocated.

Everything happens in ONE database transaction, which locks (marketplace-wide lock order)
  1. the checkout row: a second completion of the same cart waits, then finds the group;
  2. the checkout's latest payment transaction: a webhook for it waits (or went first);
  2b. its voucher and gift card rows, by conditional UPDATE after the orders are written
     (`promotions.redeem`: no use beyond the limit, no balance below zero);
  3. the stock rows of every variant, in pk order, LAST: all the inserts are done before,
     so the hottest rows are held only for one UPDATE, the allocation inserts and COMMIT.
No payment provider is called inside it: a Stripe PaymentIntent is created beforehand by
transactionInitialize, and its metadata is tagged with the group afterwards (a task).
The listing rule, prices and delivery are re-checked here, under the checkout lock.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkout.create_orders import create_order_group
from checkout.errors import CheckoutFieldError, ValidationErrors
from checkout.fetch import CheckoutInfo, checkout_buyer_key, fetch_checkout_info
from checkout.live_offers import do_claim_live_offers
from checkout.lock_objects import lock_checkout_to_complete
from checkout.models import Checkout
from checkout.validation import check_ready
from orders.models import Order, OrderGroup, PaymentGatewayId
from orders.notifications import queue_order_placed_notifications
from orders.stock import InsufficientStock, allocate
from outbox.publish import publish
from payments.models import Transaction, TransactionStatus
from payments.tasks import tag_payment_intent
from payments.transactions import lock_latest_for_checkout
from promotions.redeem import redeem


@dataclass
class Completion:
    group: OrderGroup
    orders: list[Order]
    created: bool

    @property
    def first_order(self) -> Order:
        return min(self.orders, key=lambda o: o.number)


def _existing(token: UUID | str) -> Completion | None:
    group = OrderGroup.objects.filter(checkout_token=token).first()
    if group is None:
        return None
    return Completion(group, list(group.orders.order_by("number")), created=False)


def unpaid_ttl() -> datetime.timedelta:
    return datetime.timedelta(minutes=int(getattr(settings, "OCOP_UNPAID_ORDER_TTL_MINUTES", 30)))


@dataclass(frozen=True)
class PaymentPlan:
    gateway: str
    charged: bool
    due_at: datetime.datetime | None


def check_payment(info: CheckoutInfo, txn: Transaction | None) -> PaymentPlan:
    """No transaction, or a cash-on-delivery one: the order is placed unpaid (Saleor with
    "allow unpaid orders"). A card transaction must have its intent, for this very total."""
    if txn is None or txn.gateway == PaymentGatewayId.COD:
        return PaymentPlan(PaymentGatewayId.COD, charged=False, due_at=None)
    if txn.status in (TransactionStatus.FAILED, TransactionStatus.CANCELED):
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    None, _("The payment failed; start a new payment."), "PAYMENT_ERROR"
                )
            ]
        )
    if not txn.psp_reference:
        raise ValidationErrors(
            [CheckoutFieldError(None, _("The payment is not initialized yet."), "PAYMENT_ERROR")]
        )
    if txn.amount != info.total:
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    None,
                    _("The checkout changed after the payment started; start a new payment."),
                    "CHECKOUT_NOT_FULLY_PAID",
                )
            ]
        )
    charged = txn.charged_amount - txn.refunded_amount >= info.total
    return PaymentPlan(
        PaymentGatewayId.STRIPE,
        charged=charged,
        due_at=None if charged else timezone.now() + unpaid_ttl(),
    )


def _insufficient(exc: InsufficientStock) -> ValidationErrors:
    return ValidationErrors(
        [
            CheckoutFieldError(
                "quantity",
                _("Insufficient product stock."),
                "INSUFFICIENT_STOCK",
                variant_pks=tuple(sorted({s.variant_id for s in exc.shortages})),
            )
        ]
    )


def _delete_checkout(checkout: Checkout) -> None:
    """Its lines and delivery choices go with it; its addresses now belong to the orders."""
    checkout.delete()


def complete_checkout(token: UUID | str, user: Any, *, automatic: bool = False) -> Completion:
    """Turn the checkout into orders; completing it again returns the same group.

    `automatic`: the reconciliation job completes a checkout that was paid but never
    completed by its buyer. Raises ValidationErrors (CheckoutErrorCode names).
    """
    done = _existing(token)
    if done is not None:
        return done
    try:
        with transaction.atomic():
            checkout = lock_checkout_to_complete(token)
            if checkout is None:
                # Completed by a concurrent call while we waited for the lock?
                done = _existing(token)
                if done is not None:
                    return done
                raise ValidationErrors(
                    [CheckoutFieldError("id", _("Checkout not found."), "NOT_FOUND")]
                )
            info = fetch_checkout_info(checkout)
            check_ready(info)
            txn = lock_latest_for_checkout(checkout.token)
            plan = check_payment(info, txn)
            created = create_order_group(
                info,
                user=user,
                gateway=plan.gateway,
                charged=plan.charged,
                payment_due_at=plan.due_at,
                automatic=automatic,
            )
            if txn is not None:
                txn.order_group = created.group
                txn.save(update_fields=["order_group", "modified_at"])
            do_claim_live_offers(info, created.lines)
            redeem(
                info.promotions,
                checkout.token,
                created.group,
                created.orders,
                checkout_buyer_key(checkout),
            )
            _delete_checkout(checkout)
            # Tasks are outbox rows of this transaction (sent after COMMIT, never lost,
            # never for a rollback); written before the stock locks are taken.
            if plan.gateway == PaymentGatewayId.COD or plan.charged:
                queue_order_placed_notifications(created.group.pk)
            if txn is not None and txn.gateway == PaymentGatewayId.STRIPE:
                publish(tag_payment_intent, txn.pk)
            allocate(created.needs)  # stock rows locked here, last
    except InsufficientStock as exc:
        raise _insufficient(exc) from None
    return Completion(created.group, created.orders, created=True)
