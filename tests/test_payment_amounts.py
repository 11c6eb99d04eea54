"""What was actually received is booked: under- and over-payments, and failing Stripe calls.

Webhooks are signed with STRIPE_WEBHOOK_SECRET and built here (stripe-mock's intents have
fixed amounts and never succeed); everything else runs for real: stripe-mock for intents
and refunds, PostgreSQL, and a closed loopback port for an unreachable Stripe.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import socket
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from catalog.models import Stock
from checkout.complete_checkout import complete_checkout
from orders.models import Order, OrderEvent, OrderStatus
from outbox.models import OutboxMessage
from payments.charge_status import ChargeStatus, allocate, charge_status
from payments.gateways import stripe as stripe_api
from payments.models import (
    ProcessedStripeEvent,
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
from tests.conftest import gql, token_for
from tests.helpers.checkout import checkout_id
from tests.helpers.orders import ORDER_QUERY, order_id
from tests.helpers.payments import TRANSACTION_INITIALIZE, intent_object, post_webhook, stripe_event

TOTAL = 295_000  # 265.000 ₫ of goods + 30.000 ₫ delivery, the order of the attack

TRANSACTION_PROCESS = """
mutation Process($token: UUID) {
  transactionProcess(token: $token) {
    transaction { token chargedAmount { amount } }
    transactionEvent { type message }
    data
    errors { field message code }
  }
}
"""


def _later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def _card_order(*, complete: bool = True) -> dict[str, Any]:
    """A one-seller card checkout of 295.000 ₫ with its intent on stripe-mock; completed
    (orders awaiting payment, stock allocated) unless `complete` is False."""
    variant = factories.product(price=265_000, stock=5).variants.get()
    checkout = factories.checkout([(variant, 1)])
    started = do_initialize(checkout.pk, "ocop.stripe", user=None)
    assert started.transaction.amount == TOTAL
    if complete:
        complete_checkout(checkout.pk, None)
    return {
        "variant": variant,
        "checkout": checkout,
        "txn": started.transaction,
        "intent": started.transaction.psp_reference,
    }


def _succeeded(intent_id: str, received: int, amount: int = TOTAL) -> dict[str, Any]:
    """A signed-webhook payment_intent.succeeded that took `received` đồng."""
    obj = intent_object(intent_id, amount, "succeeded")
    obj["amount_received"] = received
    return stripe_event("payment_intent.succeeded", obj)


def _staff_view(api: Client, order: Order) -> dict[str, Any]:
    staff = token_for(factories.user(is_staff=True))
    found = gql(api, ORDER_QUERY, {"id": order_id(order)}, staff)["data"]["order"]
    assert found is not None
    return found


def _state() -> tuple[Any, ...]:
    """Everything a payment fact may change, to prove a replay changes nothing."""
    return (
        sorted(Order.objects.values_list("number", "status", "charged_amount", "paid_at")),
        OrderEvent.objects.count(),
        sorted(
            Transaction.objects.values_list(
                "status", "charged_amount", "needs_attention", "attention_reason"
            )
        ),
        TransactionEvent.objects.count(),
        sorted(Stock.objects.values_list("pk", "quantity", "quantity_allocated")),
        Refund.objects.count(),
    )


def _queued_order_emails() -> int:
    """The "order placed" e-mail tasks written to the outbox (sent or not)."""
    return OutboxMessage.objects.filter(
        task_name="marketplace.orders.tasks.send_order_notifications"
    ).count()


def test_it_books_an_underpayment_as_partial_and_keeps_the_order_unpaid(
    db: Any, api: Client, caplog: Any
) -> None:
    # given a completed 295.000 ₫ card order awaiting payment
    flow = _card_order()
    order = Order.objects.get()
    # when a signed payment_intent.succeeded says Stripe received 1 ₫
    with caplog.at_level(logging.WARNING, logger="payments"):
        response = post_webhook(api, _succeeded(flow["intent"], 1))
    # then 1 ₫ is booked: on the transaction, as a CHARGE_SUCCESS of 1 ₫ ...
    assert (response.status_code, response.json()) == (
        200,
        {"received": True, "outcome": "underpaid"},
    )
    txn = Transaction.objects.get()
    assert (txn.status, txn.charged_amount) == (TransactionStatus.CHARGED, 1)
    assert list(txn.events.filter(type="charge_success").values_list("amount", "message")) == [
        (1, "webhook")
    ]
    # ... and on the order, which stays unpaid: PARTIAL, not FULLY_CHARGED
    order.refresh_from_db()
    assert (order.charged_amount, order.paid_at, order.is_paid) == (1, None, False)
    seen = _staff_view(api, order)
    assert (seen["chargeStatus"], seen["paymentStatus"], seen["isPaid"]) == (
        "PARTIAL",
        "PARTIALLY_CHARGED",
        False,
    )
    assert seen["totalCharged"] == {"amount": 1.0}
    assert [e["type"] for e in seen["events"]] == ["PLACED", "PAYMENT_CAPTURED"]
    # and its stock stays allocated, its deadline stays, no "order placed" e-mail is queued
    assert Stock.objects.get(variant=flow["variant"]).quantity_allocated == 1
    assert order.group.payment_due_at is not None
    assert _queued_order_emails() == 0
    # and staff are told: the transaction is flagged, with an event and a log line
    reason = "underpaid (PARTIAL): 1 ₫ of 295.000 ₫ received"
    assert (txn.needs_attention, txn.attention_reason) == (True, reason)
    assert list(txn.events.filter(type="info").values_list("message", flat=True)) == [reason]
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        f"payment {txn.token} ({flow['intent']}) flagged: {reason}"
    ]
    # when the same event is delivered again, and another event tells the same fact
    before = _state()
    again = post_webhook(api, _succeeded(flow["intent"], 1)).json()["outcome"]
    # then nothing changes
    assert again == "duplicate"
    assert post_webhook(api, _succeeded(flow["intent"], 1)).json()["outcome"] == "duplicate"
    assert _state() == before
    assert ProcessedStripeEvent.objects.count() == 3


def test_it_lists_an_underpayment_in_every_reconciliation_until_staff_clear_it(
    db: Any, api: Client, caplog: Any
) -> None:
    # given an underpaid card order (1 ₫ of 295.000 ₫ received)
    flow = _card_order()
    post_webhook(api, _succeeded(flow["intent"], 1))
    # when the reconciliation job runs (before the payment deadline)
    with caplog.at_level(logging.WARNING, logger="payments.reconciliation"):
        report = run_reconciliation(_later(1))
    # then it reports the underpayment and logs it, and changes nothing
    assert (report.underpaid, report.overpaid, report.expired_groups) == (
        [flow["intent"]],
        [],
        [],
    )
    assert any(
        "needs attention" in r.getMessage() and flow["intent"] in r.getMessage()
        for r in caplog.records
    )
    assert Order.objects.get().charged_amount == 1
    before = _state()
    assert run_reconciliation(_later(2)).underpaid == [flow["intent"]]
    assert _state() == before
    # when staff clear the flag, the job no longer lists it, and does not flag it again
    Transaction.objects.update(needs_attention=False)
    assert run_reconciliation(_later(3)).underpaid == []
    assert Transaction.objects.get().needs_attention is False


def test_it_books_an_underpayment_found_by_reconciliation_the_same_way(db: Any) -> None:
    # given a completed card order whose webhook never came, and Stripe's intent (a
    # stripe-mock object) saying it succeeded with 1 ₫ received
    flow = _card_order()
    fetched = stripe_api.retrieve_intent(flow["intent"])
    underpaid = dataclasses.replace(
        fetched, status="succeeded", amount=TOTAL, amount_received=1, currency="vnd"
    )
    # when it is reconciled (transactionProcess applies a retrieved intent the same way)
    outcome = reconcile_intent(underpaid)
    # then it is booked as received, the order stays unpaid and the transaction is flagged
    assert outcome == "underpaid"
    order = Order.objects.get()
    assert (order.charged_amount, order.is_paid) == (1, False)
    assert charge_status(order.charged_amount, order.total_amount) == ChargeStatus.PARTIAL
    txn = Transaction.objects.get()
    assert (txn.charged_amount, txn.needs_attention) == (1, True)
    assert reconcile_intent(underpaid) == "duplicate"


def test_it_flags_an_overpayment_as_overcharged(db: Any, api: Client) -> None:
    # given a completed 295.000 ₫ card order awaiting payment
    flow = _card_order()
    # when Stripe says it received 5.000 ₫ more than asked
    outcome = post_webhook(api, _succeeded(flow["intent"], TOTAL + 5_000)).json()["outcome"]
    # then all of it is booked: the order is paid, and OVERCHARGED
    assert outcome == "overpaid"
    order = Order.objects.get()
    assert (order.charged_amount, order.is_paid) == (TOTAL + 5_000, True)
    assert order.group.payment_due_at is None
    seen = _staff_view(api, order)
    assert (seen["chargeStatus"], seen["paymentStatus"], seen["isPaid"]) == (
        "OVERCHARGED",
        "FULLY_CHARGED",
        True,
    )
    assert [e["type"] for e in seen["events"]] == [
        "PLACED",
        "PAYMENT_CAPTURED",
        "ORDER_FULLY_PAID",
    ]
    # and the "order placed" e-mails are queued with it, as for any paid order
    assert _queued_order_emails() == 1
    # and it is flagged for staff and listed by the reconciliation job
    txn = Transaction.objects.get()
    assert (txn.charged_amount, txn.needs_attention, txn.attention_reason) == (
        TOTAL + 5_000,
        True,
        "overpaid (OVERCHARGED): 300.000 ₫ of 295.000 ₫ received",
    )
    report = run_reconciliation(_later(1))
    assert (report.underpaid, report.overpaid) == ([], [flow["intent"]])
    # and a replay changes nothing
    before = _state()
    assert post_webhook(api, _succeeded(flow["intent"], TOTAL + 5_000)).json() == {
        "received": True,
        "outcome": "duplicate",
    }
    assert _state() == before


def test_it_books_the_exact_amount_as_full_and_flags_nothing(db: Any, api: Client) -> None:
    # given a completed 295.000 ₫ card order awaiting payment
    flow = _card_order()
    # when Stripe received exactly the total
    outcome = post_webhook(api, _succeeded(flow["intent"], TOTAL)).json()["outcome"]
    # then the order is paid in full (FULL), as before, and nobody is asked to look
    assert outcome == "charged"
    order = Order.objects.get()
    assert (order.charged_amount, order.is_paid) == (TOTAL, True)
    seen = _staff_view(api, order)
    assert (seen["chargeStatus"], seen["paymentStatus"]) == ("FULL", "FULLY_CHARGED")
    txn = Transaction.objects.get()
    assert (txn.charged_amount, txn.needs_attention, txn.attention_reason) == (TOTAL, False, "")
    report = run_reconciliation(_later(1))
    assert (report.underpaid, report.overpaid) == ([], [])
    assert post_webhook(api, _succeeded(flow["intent"], TOTAL)).json()["outcome"] == "duplicate"


def test_it_never_marks_an_order_of_an_underpaid_group_as_paid(db: Any, api: Client) -> None:
    # given a two-seller card checkout of 200.000 ₫ + 100.000 ₫ (delivery included)
    a = factories.product(price=170_000, stock=5).variants.get()
    b = factories.product(price=70_000, stock=5).variants.get()
    checkout = factories.checkout([(a, 1), (b, 1)])
    started = do_initialize(checkout.pk, "ocop.stripe", user=None)
    assert started.transaction.amount == 300_000
    complete_checkout(checkout.pk, None)
    # when Stripe received 1 ₫ short of the total
    intent = started.transaction.psp_reference
    assert intent is not None
    outcome = post_webhook(api, _succeeded(intent, 299_999, 300_000)).json()["outcome"]
    # then neither order counts as paid; each holds its share, short of its total
    assert outcome == "underpaid"
    assert sorted(Order.objects.values_list("total_amount", "charged_amount", "paid_at")) == [
        (100_000, 99_999, None),
        (200_000, 199_999, None),
    ]
    assert not OrderEvent.objects.filter(type="order_fully_paid").exists()


def test_it_splits_a_payment_in_proportion_without_paying_any_order_of_an_underpaid_group() -> None:
    # an underpaid group: no share reaches its order's total, even by rounding
    assert allocate(199, [100, 100]) == [99, 99]
    assert allocate(1, [100_000, 330_000]) == [0, 1]
    assert allocate(215_000, [100_000, 330_000]) == [50_000, 165_000]
    # paid in full: exactly the totals; overpaid: every đồng is placed, in proportion
    assert allocate(430_000, [100_000, 330_000]) == [100_000, 330_000]
    assert allocate(430_001, [100_000, 330_000]) == [100_000, 330_001]
    assert allocate(860_000, [100_000, 330_000]) == [200_000, 660_000]
    assert (charge_status(0, 10), charge_status(5, 10), charge_status(10, 10)) == (
        ChargeStatus.NONE,
        ChargeStatus.PARTIAL,
        ChargeStatus.FULL,
    )
    assert charge_status(11, 10) == ChargeStatus.OVERCHARGED


def test_it_expires_an_underpaid_group_at_its_deadline_and_refunds_what_was_received(
    db: Any, api: Client
) -> None:
    # given an underpaid card order (1 ₫ of 295.000 ₫ received)
    flow = _card_order()
    post_webhook(api, _succeeded(flow["intent"], 1))
    # when its payment deadline has not passed yet, nothing happens
    assert expire_unpaid_groups(timezone.now()) == []
    # when it has passed
    report = run_reconciliation(_later(31))
    # then the order expires and its stock is back on sale (it was never paid) ...
    order = Order.objects.get()
    assert report.expired_groups == [str(order.group_id)]
    assert order.status == OrderStatus.EXPIRED
    assert Stock.objects.get(variant=flow["variant"]).quantity_allocated == 0
    # ... and the 1 ₫ received goes back through Stripe, and staff are told
    refund = Refund.objects.get()
    assert (refund.amount, refund.status, refund.order_id) == (1, RefundStatus.SUCCEEDED, order.pk)
    assert refund.psp_reference.startswith("re_")
    order.refresh_from_db()
    assert (order.charged_amount, order.refunded_amount) == (1, 1)
    txn = Transaction.objects.get()
    assert (txn.charged_amount, txn.refunded_amount, txn.needs_attention) == (1, 1, True)
    assert (
        f"underpaid group #{order.group.number} expired at its payment deadline; 1 ₫ refunded"
        in txn.attention_reason
    )
    assert report.underpaid == [flow["intent"]]
    # and later runs refund nothing more
    run_reconciliation(_later(32))
    assert Refund.objects.count() == 1
    assert expire_unpaid_groups(_later(33)) == []


def test_it_refunds_an_underpaid_checkout_instead_of_completing_it(db: Any, api: Client) -> None:
    # given 1 ₫ received before checkoutComplete, which never came
    flow = _card_order(complete=False)
    outcome = post_webhook(api, _succeeded(flow["intent"], 1)).json()["outcome"]
    assert outcome == "underpaid_without_order"
    # when the job runs after the grace period
    report = run_reconciliation(_later(11))
    # then no order is placed for it: the 1 ₫ is refunded and flagged
    assert (report.completed_checkouts, report.refunded_orphans) == (
        [],
        [str(flow["checkout"].pk)],
    )
    assert report.underpaid == [flow["intent"]]
    assert Order.objects.count() == 0
    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (1, RefundStatus.SUCCEEDED)
    assert Transaction.objects.get().refunded_amount == 1


def test_it_books_nothing_for_an_intent_in_another_currency(db: Any, api: Client) -> None:
    # given a completed card order awaiting payment
    flow = _card_order()
    event = _succeeded(flow["intent"], TOTAL)
    event["data"]["object"]["currency"] = "usd"
    # when a success in dollars arrives
    outcome = post_webhook(api, event).json()["outcome"]
    # then no đồng is booked, and staff are asked to look
    assert outcome == "currency_mismatch"
    assert Order.objects.get().charged_amount == 0
    txn = Transaction.objects.get()
    assert (txn.charged_amount, txn.needs_attention) == (0, True)


def _point_stripe_at_a_closed_port(settings: Any) -> str:
    """STRIPE_API_BASE on a loopback port nobody listens on: a real refused connection."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{port}"
    return port


@pytest.fixture
def unreachable_stripe(settings: Any) -> str:
    return _point_stripe_at_a_closed_port(settings)


def _leaks(text: str, port: str) -> bool:
    return any(part in text for part in ("127.0.0.1", port, "localhost", "http", "Errno"))


def test_it_answers_a_failed_stripe_call_in_transaction_initialize_with_a_code_only(
    db: Any, api: Client, caplog: Any, unreachable_stripe: str
) -> None:
    # given a ready checkout, and Stripe unreachable
    checkout = factories.checkout([(factories.product().variants.get(), 1)])
    # when the storefront starts a card payment
    with caplog.at_level(logging.ERROR, logger="payments"):
        body = gql(
            api,
            TRANSACTION_INITIALIZE,
            {"id": checkout_id(checkout), "gateway": {"id": "ocop.stripe"}},
        )
    paid = body["data"]["transactionInitialize"]
    # then it gets a generic error with a code, naming no host or port
    assert "errors" not in body
    assert [(e["field"], e["code"]) for e in paid["errors"]] == [(None, "GRAPHQL_ERROR")]
    assert paid["errors"][0]["message"] == "Cổng thanh toán đang gặp sự cố; vui lòng thử lại sau."
    event = paid["transactionEvent"]
    assert event["type"] == "CHARGE_FAILURE"
    assert not _leaks(str(paid), unreachable_stripe)
    assert not any(
        _leaks(m, unreachable_stripe)
        for m in TransactionEvent.objects.values_list("message", flat=True)
    )
    assert Transaction.objects.get().status == TransactionStatus.FAILED
    # and the detail is in the log only, with its traceback
    logged = [r for r in caplog.records if r.name == "payments.transactions"]
    assert [r.getMessage() for r in logged] == [
        f"payment start failed for transaction {Transaction.objects.get().token}"
    ]
    assert logged[0].exc_info is not None
    assert unreachable_stripe in str(logged[0].exc_info[1])


def test_it_answers_a_failed_stripe_call_in_transaction_process_with_a_code_only(
    db: Any, api: Client, settings: Any, caplog: Any
) -> None:
    # given a card payment started while Stripe answered, then Stripe unreachable
    checkout = factories.checkout([(factories.product().variants.get(), 1)])
    started = do_initialize(checkout.pk, "ocop.stripe", user=None)
    port = _point_stripe_at_a_closed_port(settings)
    # when the storefront asks where the payment stands
    with caplog.at_level(logging.ERROR, logger="payments"):
        body = gql(api, TRANSACTION_PROCESS, {"token": str(started.transaction.token)})
    processed = body["data"]["transactionProcess"]
    # then it gets a generic error with a code, and nothing about the host or port
    assert [(e["field"], e["code"]) for e in processed["errors"]] == [(None, "GRAPHQL_ERROR")]
    assert processed["data"] is None
    assert processed["transaction"]["token"] == str(started.transaction.token)
    assert not _leaks(str(processed), port)
    # and nothing was booked; the detail is in the log
    assert Transaction.objects.get().status == TransactionStatus.PENDING
    logged = [r for r in caplog.records if r.name == "payments.transactions"]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert port in str(logged[0].exc_info[1])
