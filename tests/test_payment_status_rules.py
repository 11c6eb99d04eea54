"""The payment-status rules the order and checkout types show (pure functions, no service)."""

from __future__ import annotations

from typing import Any

from payments.charge_status import (
    AuthorizeStatus,
    ChargeStatus,
    authorize_status,
    charge_status,
    checkout_authorize_status,
    checkout_charge_status,
)
from payments.models import TransactionStatus
from payments.payment_status import PaymentChargeStatus, payment_charge_status


def _status(**facts: Any) -> PaymentChargeStatus:
    given: dict[str, Any] = {
        "total": 100_000,
        "charged": 0,
        "refunded": 0,
        "paid": False,
        "closed": False,
        "card_statuses": None,
    }
    return payment_charge_status(**{**given, **facts})


def test_it_counts_a_free_order_as_fully_charged_but_a_free_checkout_as_not_charged() -> None:
    # given nothing to pay and nothing paid
    # then the order is FULL (nothing is owed), the checkout NONE (it is not an order yet)
    assert charge_status(0, 0) == ChargeStatus.FULL
    assert authorize_status(0, 0) == AuthorizeStatus.FULL
    assert checkout_charge_status(0, 0) == ChargeStatus.NONE
    assert checkout_authorize_status(0, 0) == AuthorizeStatus.NONE


def test_it_reports_more_than_the_total_as_overcharged_but_fully_authorized() -> None:
    # given 120,000 đồng charged for 100,000
    # then the charge status says so and the authorize status has nothing more to authorize
    assert charge_status(120_000, 100_000) == ChargeStatus.OVERCHARGED
    assert authorize_status(120_000, 100_000) == AuthorizeStatus.FULL
    assert checkout_charge_status(120_000, 100_000) == ChargeStatus.OVERCHARGED
    assert checkout_authorize_status(120_000, 100_000) == AuthorizeStatus.FULL


def test_it_reports_less_than_the_total_as_partial_for_orders_and_checkouts() -> None:
    assert charge_status(40_000, 100_000) == ChargeStatus.PARTIAL
    assert authorize_status(40_000, 100_000) == AuthorizeStatus.PARTIAL
    assert checkout_charge_status(40_000, 100_000) == ChargeStatus.PARTIAL
    assert checkout_authorize_status(40_000, 100_000) == AuthorizeStatus.PARTIAL
    assert charge_status(0, 100_000) == ChargeStatus.NONE
    assert checkout_charge_status(0, 100_000) == ChargeStatus.NONE


def test_it_reports_refunds_before_anything_else() -> None:
    # given an order charged in full, then refunded in part or in whole
    assert _status(charged=100_000, refunded=30_000) == PaymentChargeStatus.PARTIALLY_REFUNDED
    assert _status(charged=100_000, refunded=100_000) == PaymentChargeStatus.FULLY_REFUNDED


def test_it_reports_charged_amounts_and_a_free_order_only_once_marked_paid() -> None:
    assert _status(charged=100_000) == PaymentChargeStatus.FULLY_CHARGED
    assert _status(charged=40_000) == PaymentChargeStatus.PARTIALLY_CHARGED
    assert _status(total=0) == PaymentChargeStatus.NOT_CHARGED
    assert _status(total=0, paid=True) == PaymentChargeStatus.FULLY_CHARGED


def test_it_reads_an_unpaid_card_order_from_its_transactions() -> None:
    # given a card order nothing was charged for yet
    pending = {TransactionStatus.PENDING.value}
    assert _status(card_statuses=pending) == PaymentChargeStatus.PENDING
    # a pending payment of an order already closed will never be taken
    assert _status(card_statuses=pending, closed=True) == PaymentChargeStatus.CANCELLED
    failed = {TransactionStatus.FAILED.value, TransactionStatus.CANCELED.value}
    assert _status(card_statuses=failed) == PaymentChargeStatus.REFUSED
    canceled = {TransactionStatus.CANCELED.value}
    assert _status(card_statuses=canceled) == PaymentChargeStatus.CANCELLED
    assert _status(card_statuses=set()) == PaymentChargeStatus.NOT_CHARGED
    # and a cash-on-delivery order has no card transactions to read
    assert _status(card_statuses=None, closed=True) == PaymentChargeStatus.NOT_CHARGED


def test_it_keeps_saleors_payment_charge_status_values() -> None:
    assert [s.value for s in PaymentChargeStatus] == [
        "not_charged", "pending", "partially_charged", "fully_charged",
        "partially_refunded", "fully_refunded", "refused", "cancelled",
    ]  # fmt: skip
