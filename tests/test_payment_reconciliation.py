"""A payment is never lost: the reconciliation job against stripe-mock and our database.

stripe-mock answers with canned objects (its intents never succeed), so the job's core
(`reconcile_intent`) is fed real stripe-mock responses whose status is then set to what
Stripe would say; everything else runs for real.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from catalog.models import Stock
from checkout.complete_checkout import complete_checkout
from orders.models import Order, OrderEvent, OrderGroup, OrderStatus
from payments.gateways import stripe as stripe_api
from payments.models import (
    Refund,
    RefundStatus,
    Transaction,
    TransactionEvent,
    TransactionStatus,
)
from payments.reconciliation import (
    expire_unpaid_groups,
    reconcile_intent,
    run_reconciliation,
)
from payments.transactions import do_initialize
from tests import factories
from tests.helpers.payments import intent_object, post_webhook, stripe_event


def _later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def _card_checkout(stock: int = 5) -> dict[str, Any]:
    variant = factories.product(stock=stock, price=200_000).variants.get()
    checkout = factories.checkout([(variant, 2)])
    started = do_initialize(checkout.pk, "ocop.stripe", user=None)
    return {
        "variant": variant,
        "checkout": checkout,
        "txn": started.transaction,
        "total": 430_000,  # 2 × 200.000 + 30.000 delivery
    }


def test_it_recovers_an_intent_whose_id_was_never_recorded(db: Any) -> None:
    # given a card transaction row committed before the process died (no intent id saved)
    variant = factories.product().variants.get()
    checkout = factories.checkout([(variant, 1)])
    txn = Transaction.objects.create(
        checkout_token=checkout.pk, gateway="ocop.stripe", amount=150_000
    )
    # when the job runs (after the grace period)
    report = run_reconciliation(_later(2))
    # then it repeated the creation with the same idempotency key and recorded the intent
    txn.refresh_from_db()
    assert txn.psp_reference is not None
    assert txn.psp_reference.startswith("pi_")
    assert report.recovered_intents == [txn.psp_reference]
    assert TransactionEvent.objects.filter(transaction=txn, type="info").count() == 1
    # and a second run changes nothing
    assert run_reconciliation(_later(3)).recovered_intents == []


def test_it_applies_an_intent_whose_webhook_never_came(db: Any) -> None:
    # given a completed card checkout whose payment webhook was lost
    flow = _card_checkout()
    complete_checkout(flow["checkout"].pk, None)
    intent_id = flow["txn"].psp_reference
    # when the job asks stripe-mock (which still says requires_payment_method)
    report = run_reconciliation(_later(6))
    # then nothing changes yet
    assert report.synced == {intent_id: "pending"}
    assert Order.objects.get().charged_amount == 0
    # when Stripe reports the intent succeeded (a stripe-mock object, status set as Stripe would)
    fetched = stripe_api.retrieve_intent(intent_id)
    succeeded = dataclasses.replace(
        fetched,
        status="succeeded",
        amount=flow["total"],
        amount_received=flow["total"],
        currency="vnd",
    )
    outcome = reconcile_intent(succeeded)
    # then the order is paid, exactly as the webhook would have done, and only once
    assert outcome == "charged"
    assert Order.objects.get().charged_amount == flow["total"]
    assert reconcile_intent(succeeded) == "duplicate"
    assert OrderEvent.objects.filter(type="payment_captured").count() == 1


def test_it_flags_an_intent_whose_amount_differs(db: Any) -> None:
    # given a card checkout and stripe-mock's canned intent (amount 1099) for its id
    flow = _card_checkout()
    fetched = stripe_api.retrieve_intent(flow["txn"].psp_reference)
    assert fetched.amount != flow["total"]
    # when it is reconciled
    reconcile_intent(fetched)
    # then a human is asked to look
    txn = Transaction.objects.get()
    assert txn.needs_attention is True
    assert "expected 430000 vnd" in txn.attention_reason


def test_it_completes_a_paid_checkout_the_buyer_never_completed(db: Any, api: Client) -> None:
    # given a card payment that succeeded, but checkoutComplete never came
    flow = _card_checkout()
    event = stripe_event(
        "payment_intent.succeeded",
        intent_object(flow["txn"].psp_reference, flow["total"], "succeeded"),
    )
    assert post_webhook(api, event).json()["outcome"] == "charged_without_order"
    # when the job runs after the grace period
    report = run_reconciliation(_later(11))
    # then the checkout is completed for the buyer, paid, with its stock allocated
    assert report.completed_checkouts == [str(flow["checkout"].pk)]
    order = Order.objects.get()
    assert (order.status, order.charged_amount) == (OrderStatus.UNCONFIRMED, flow["total"])
    assert list(order.events.values_list("type", flat=True)) == [
        "placed_automatically_from_paid_checkout",
        "order_fully_paid",
    ]
    assert Stock.objects.get(variant=flow["variant"]).quantity_allocated == 2
    assert Transaction.objects.get().order_group_id == order.group_id


def test_it_refunds_a_paid_checkout_that_can_no_longer_be_completed(db: Any, api: Client) -> None:
    # given a card payment that succeeded, then the stock sold out before completion
    flow = _card_checkout()
    post_webhook(
        api,
        stripe_event(
            "payment_intent.succeeded",
            intent_object(flow["txn"].psp_reference, flow["total"], "succeeded"),
        ),
    )
    Stock.objects.filter(variant=flow["variant"]).update(quantity=1)
    # when the job runs
    report = run_reconciliation(_later(11))
    # then no order exists, the money went back through stripe-mock, and it is flagged
    assert report.refunded_orphans == [str(flow["checkout"].pk)]
    assert Order.objects.count() == 0
    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (flow["total"], RefundStatus.SUCCEEDED)
    assert refund.psp_reference.startswith("re_")
    txn = Transaction.objects.get()
    assert (txn.refunded_amount, txn.needs_attention) == (flow["total"], True)
    # and running again refunds nothing more
    assert run_reconciliation(_later(12)).refunded_orphans == []
    assert Refund.objects.count() == 1


def test_it_expires_unpaid_card_orders_and_returns_their_stock(db: Any) -> None:
    # given a completed card checkout never paid
    flow = _card_checkout()
    complete_checkout(flow["checkout"].pk, None)
    group = OrderGroup.objects.get()
    assert group.payment_due_at is not None
    assert Stock.objects.get(variant=flow["variant"]).quantity_allocated == 2
    # when the deadline has not passed yet, nothing happens
    assert expire_unpaid_groups(timezone.now()) == []
    # when it has passed
    expired = expire_unpaid_groups(_later(31))
    # then the intent is canceled at Stripe, the order expired and its stock is back
    assert expired == [str(group.pk)]
    order = Order.objects.get()
    assert order.status == OrderStatus.EXPIRED
    assert Stock.objects.get(variant=flow["variant"]).quantity_allocated == 0
    assert Transaction.objects.get().status == TransactionStatus.CANCELED
    assert list(order.events.values_list("type", flat=True)) == ["placed", "expired"]
    # and a second run changes nothing
    assert expire_unpaid_groups(_later(32)) == []


def test_it_never_expires_cash_on_delivery_orders(db: Any) -> None:
    variant = factories.product().variants.get()
    complete_checkout(factories.checkout([(variant, 1)]).pk, None)
    assert expire_unpaid_groups(_later(60 * 24 * 30)) == []
    assert Order.objects.get().status == OrderStatus.UNCONFIRMED


def test_it_sends_a_refund_recorded_before_a_crash(db: Any, api: Client) -> None:
    # given a paid card order canceled by its seller, whose refund call never ran
    # (the cancel committed; the process died before the after-commit refund)
    from orders.actions import do_cancel

    flow = _card_checkout()
    complete_checkout(flow["checkout"].pk, None)
    post_webhook(
        api,
        stripe_event(
            "payment_intent.succeeded",
            intent_object(flow["txn"].psp_reference, flow["total"], "succeeded"),
        ),
    )
    order = Order.objects.get()
    do_cancel(order.pk, factories.user(is_staff=True), "Hết hàng")
    assert Refund.objects.get().status == RefundStatus.REQUESTED
    # when the job runs
    report = run_reconciliation(_later(2))
    # then the refund is sent (with its idempotency key) and recorded
    refund = Refund.objects.get()
    assert report.retried_refunds == [refund.idempotency_key]
    assert refund.status == RefundStatus.SUCCEEDED
    order.refresh_from_db()
    assert order.refunded_amount == flow["total"]
