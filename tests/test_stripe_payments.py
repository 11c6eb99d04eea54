"""Paying by card: PaymentIntents on stripe-mock, and webhooks signed with our secret."""

from __future__ import annotations

from typing import Any

import graphene
import pytest
from django.test import Client

from catalog.models import Stock
from orders.models import Order, OrderEvent, OrderStatus
from payments.models import (
    ProcessedStripeEvent,
    Refund,
    RefundStatus,
    Transaction,
    TransactionEvent,
    TransactionStatus,
)
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.checkout import (
    CHECKOUT_COMPLETE,
    DELIVERY_METHOD_UPDATE,
    checkout_id,
    create_checkout,
)
from tests.helpers.orders import ORDER_QUERY, order_id
from tests.helpers.payments import (
    TRANSACTION_INITIALIZE,
    charge_object,
    intent_object,
    post_webhook,
    stripe_event,
)

STRIPE = {"id": "ocop.stripe"}


def _paid_state() -> tuple[Any, ...]:
    """Everything a payment fact may change, to prove a replay changes nothing."""
    return (
        sorted(Order.objects.values_list("number", "status", "charged_amount", "refunded_amount")),
        OrderEvent.objects.count(),
        sorted(Transaction.objects.values_list("status", "charged_amount", "refunded_amount")),
        TransactionEvent.objects.count(),
        sorted(Stock.objects.values_list("pk", "quantity", "quantity_allocated")),
        Refund.objects.count(),
    )


def _card_checkout(api: Client, token: str | None = None) -> dict[str, Any]:
    """A two-seller checkout paid by card up to checkoutComplete, through GraphQL."""
    seller_a, seller_b = factories.seller(), factories.seller()
    honey = factories.product(owner=seller_a, price=150_000, stock=10).variants.get()
    tea = factories.product(owner=seller_b, price=80_000, stock=5).variants.get()
    method_a = factories.shipping_method(seller_a, price=30_000)
    factories.shipping_method(seller_b, price=20_000)
    created = create_checkout(
        api,
        [(honey, 2), (tea, 1)],
        token,
        email="card@ocop.test",
        shippingAddress=factories.VN_ADDRESS_INPUT,
    )
    cid = created["checkout"]["id"]
    chosen = gql(
        api,
        DELIVERY_METHOD_UPDATE,
        {"id": cid, "method": graphene.Node.to_global_id("ShippingMethod", method_a.pk)},
        token,
    )["data"]["checkoutDeliveryMethodUpdate"]
    assert chosen["errors"] == []
    paid = gql(api, TRANSACTION_INITIALIZE, {"id": cid, "gateway": STRIPE}, token)["data"][
        "transactionInitialize"
    ]
    assert paid["errors"] == []
    return {"id": cid, "honey": honey, "tea": tea, "init": paid, "total": 430_000}


def test_it_pays_a_two_seller_checkout_by_card_and_ignores_replayed_webhooks(
    db: Any, api: Client
) -> None:
    # given a two-seller checkout whose card payment was initialized on stripe-mock
    buyer = factories.user()
    token = token_for(buyer)
    flow = _card_checkout(api, token)
    init = flow["init"]
    intent_id = init["transaction"]["pspReference"]
    assert intent_id.startswith("pi_")
    assert init["data"]["paymentIntent"]["clientSecret"].startswith("pi_")
    assert init["data"]["paymentIntent"]["amount"] == 430_000
    assert init["data"]["paymentIntent"]["currency"] == "vnd"
    assert init["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    # when the buyer completes the checkout (before Stripe confirms)
    done = gql(api, CHECKOUT_COMPLETE, {"id": flow["id"]}, token)["data"]["checkoutComplete"]
    # then two orders wait for the payment, with their stock allocated
    assert done["errors"] == []
    assert done["order"]["paymentStatus"] == "PENDING"
    assert done["order"]["isPaid"] is False
    assert Order.objects.filter(status=OrderStatus.UNCONFIRMED, charged_amount=0).count() == 2
    assert Stock.objects.get(variant=flow["honey"]).quantity_allocated == 2
    # when Stripe's signed payment_intent.succeeded arrives
    event = stripe_event(
        "payment_intent.succeeded", intent_object(intent_id, flow["total"], "succeeded")
    )
    response = post_webhook(api, event)
    # then both orders are paid in full
    assert response.status_code == 200
    assert response.json() == {"received": True, "outcome": "charged"}
    assert sorted(Order.objects.values_list("charged_amount", "total_amount")) == [
        (100_000, 100_000),
        (330_000, 330_000),
    ]
    order = gql(api, ORDER_QUERY, {"id": done["order"]["id"]}, token)["data"]["order"]
    assert (order["isPaid"], order["paymentStatus"], order["chargeStatus"]) == (
        True,
        "FULLY_CHARGED",
        "FULL",
    )
    assert [e["type"] for e in order["events"]] == [
        "PLACED",
        "PAYMENT_CAPTURED",
        "ORDER_FULLY_PAID",
    ]
    txn = Transaction.objects.get()
    assert (txn.status, txn.charged_amount) == (TransactionStatus.CHARGED, 430_000)
    # when the same event is delivered five more times
    before = _paid_state()
    outcomes = [post_webhook(api, event).json()["outcome"] for _ in range(5)]
    # then nothing changes
    assert outcomes == ["duplicate"] * 5
    assert _paid_state() == before
    assert ProcessedStripeEvent.objects.count() == 1
    # and a second event (another id) with the same fact changes nothing either
    again = stripe_event(
        "payment_intent.succeeded", intent_object(intent_id, flow["total"], "succeeded")
    )
    assert post_webhook(api, again).json()["outcome"] == "duplicate"
    assert _paid_state() == before


def test_it_rejects_a_forged_webhook_and_changes_nothing(db: Any, api: Client) -> None:
    # given a completed card checkout awaiting payment
    flow = _card_checkout(api)
    gql(api, CHECKOUT_COMPLETE, {"id": flow["id"]})
    intent_id = flow["init"]["transaction"]["pspReference"]
    before = _paid_state()
    event = stripe_event(
        "payment_intent.succeeded", intent_object(intent_id, flow["total"], "succeeded")
    )
    # when a webhook signed with another secret arrives, or one with no signature
    forged = post_webhook(api, event, secret="whsec_not_ours")
    unsigned = api.post("/webhooks/stripe/", data="{}", content_type="application/json")
    # then both are refused with 400 and nothing changed
    assert (forged.status_code, unsigned.status_code) == (400, 400)
    assert _paid_state() == before
    assert ProcessedStripeEvent.objects.count() == 0
    assert Order.objects.filter(charged_amount__gt=0).count() == 0


def test_it_releases_stock_when_the_card_payment_fails(
    db: Any, api: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given a completed card checkout awaiting payment
    flow = _card_checkout(api)
    gql(api, CHECKOUT_COMPLETE, {"id": flow["id"]})
    intent_id = flow["init"]["transaction"]["pspReference"]
    # when Stripe reports the payment failed
    event = stripe_event(
        "payment_intent.payment_failed",
        intent_object(intent_id, flow["total"], "requires_payment_method"),
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_webhook(api, event)
    # then the orders are canceled and their stock is back on sale
    assert response.json()["outcome"] == "failed"
    assert sorted(Order.objects.values_list("status", flat=True)) == ["canceled", "canceled"]
    assert Stock.objects.get(variant=flow["honey"]).quantity_allocated == 0
    assert Stock.objects.get(variant=flow["tea"]).quantity_allocated == 0
    assert set(OrderEvent.objects.values_list("type", flat=True)) == {
        "placed",
        "payment_failed",
        "canceled",
    }
    # and the intent was canceled at Stripe after commit, so it cannot be paid later
    assert len(callbacks) == 1
    assert Transaction.objects.get().status == TransactionStatus.FAILED
    # and a late success for the same intent does not bring the orders back: it is refunded
    late = stripe_event(
        "payment_intent.succeeded", intent_object(intent_id, flow["total"], "succeeded")
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post_webhook(api, late).json()["outcome"] == "charged_refunding_closed_orders"
    assert sorted(Order.objects.values_list("status", flat=True)) == ["canceled", "canceled"]
    assert sorted(Refund.objects.values_list("amount", "status")) == [
        (100_000, RefundStatus.SUCCEEDED),
        (330_000, RefundStatus.SUCCEEDED),
    ]
    txn = Transaction.objects.get()
    assert (txn.charged_amount, txn.refunded_amount, txn.needs_attention) == (
        430_000,
        430_000,
        True,
    )


def test_it_ignores_a_failure_reported_after_the_success(db: Any, api: Client) -> None:
    # given a card checkout that was paid
    flow = _card_checkout(api)
    gql(api, CHECKOUT_COMPLETE, {"id": flow["id"]})
    intent_id = flow["init"]["transaction"]["pspReference"]
    post_webhook(
        api,
        stripe_event(
            "payment_intent.succeeded", intent_object(intent_id, flow["total"], "succeeded")
        ),
    )
    before = _paid_state()
    # when an older payment_failed event arrives late
    late = stripe_event(
        "payment_intent.payment_failed",
        intent_object(intent_id, flow["total"], "requires_payment_method"),
    )
    # then it changes nothing
    assert post_webhook(api, late).json()["outcome"] == "ignored"
    assert _paid_state() == before
    assert Order.objects.filter(status=OrderStatus.UNCONFIRMED, charged_amount__gt=0).count() == 2


def test_it_creates_paid_orders_when_the_payment_arrived_before_completion(
    db: Any, api: Client
) -> None:
    # given a card checkout whose payment Stripe confirmed before checkoutComplete
    flow = _card_checkout(api)
    intent_id = flow["init"]["transaction"]["pspReference"]
    outcome = post_webhook(
        api,
        stripe_event(
            "payment_intent.succeeded", intent_object(intent_id, flow["total"], "succeeded")
        ),
    ).json()["outcome"]
    assert outcome == "charged_without_order"
    # when the buyer completes it
    done = gql(api, CHECKOUT_COMPLETE, {"id": flow["id"]})["data"]["checkoutComplete"]
    # then the orders are paid from the start
    assert done["errors"] == []
    assert done["order"]["isPaid"] is True
    assert sorted(Order.objects.values_list("charged_amount", flat=True)) == [100_000, 330_000]
    assert Transaction.objects.get().order_group_id is not None


def test_it_refuses_to_complete_when_the_cart_changed_after_the_payment_started(
    db: Any, api: Client
) -> None:
    # given a card checkout, then one more unit added after transactionInitialize
    from tests.helpers.checkout import LINES_ADD, variant_id

    flow = _card_checkout(api)
    added = gql(
        api,
        LINES_ADD,
        {"id": flow["id"], "lines": [{"variantId": variant_id(flow["tea"]), "quantity": 1}]},
    )["data"]["checkoutLinesAdd"]
    assert added["errors"] == []
    # when completing it
    done = gql(api, CHECKOUT_COMPLETE, {"id": flow["id"]})["data"]["checkoutComplete"]
    # then the buyer is told to pay again, and nothing was ordered
    assert [e["code"] for e in done["errors"]] == ["CHECKOUT_NOT_FULLY_PAID"]
    assert Order.objects.count() == 0


def test_it_returns_the_same_transaction_for_the_same_idempotency_key(db: Any, api: Client) -> None:
    # given a ready checkout
    product = factories.product()
    checkout = factories.checkout([(product.variants.get(), 1)])
    variables = {"id": checkout_id(checkout), "gateway": STRIPE, "key": "retry-1"}
    # when transactionInitialize is sent twice with the same key
    first = gql(api, TRANSACTION_INITIALIZE, variables)["data"]["transactionInitialize"]
    second = gql(api, TRANSACTION_INITIALIZE, variables)["data"]["transactionInitialize"]
    # then one transaction (one PaymentIntent) exists
    assert first["errors"] == second["errors"] == []
    assert first["transaction"]["id"] == second["transaction"]["id"]
    assert Transaction.objects.count() == 1


def test_it_records_refunds_reported_by_stripe_once(
    db: Any, api: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given a paid card order group, one of whose orders the seller cancels (refunded)
    flow = _card_checkout(api)
    gql(api, CHECKOUT_COMPLETE, {"id": flow["id"]})
    intent_id = flow["init"]["transaction"]["pspReference"]
    post_webhook(
        api,
        stripe_event(
            "payment_intent.succeeded", intent_object(intent_id, flow["total"], "succeeded")
        ),
    )
    tea_order = Order.objects.get(lines__variant=flow["tea"])
    owner = factories.user()
    from sellers.models import SellerMember

    SellerMember.objects.create(seller=tea_order.seller, user=owner, role="owner")
    from tests.helpers.orders import ORDER_CANCEL

    with django_capture_on_commit_callbacks(execute=True):
        canceled = gql(
            api,
            ORDER_CANCEL,
            {"id": order_id(tea_order), "reason": "Hết hàng"},
            token_for(owner),
        )["data"]["orderCancel"]
    assert canceled["errors"] == []
    # (the refund is sent once the cancel has committed)
    tea_order.refresh_from_db()
    assert (tea_order.status, tea_order.refunded_amount) == (OrderStatus.CANCELED, 100_000)
    assert Refund.objects.get().status == RefundStatus.SUCCEEDED
    # when Stripe reports the charge refunded by that amount, twice
    event = stripe_event("charge.refunded", charge_object(intent_id, flow["total"], 100_000))
    outcomes = [post_webhook(api, event).json()["outcome"] for _ in range(2)]
    # then the refund is recorded once and not flagged (it is ours)
    assert outcomes == ["duplicate", "duplicate"]  # our own refund was recorded already
    txn = Transaction.objects.get()
    assert (txn.refunded_amount, txn.needs_attention) == (100_000, False)
    # and a refund made in Stripe's dashboard is recorded and flagged for a human
    external = stripe_event("charge.refunded", charge_object(intent_id, flow["total"], 150_000))
    assert post_webhook(api, external).json()["outcome"] == "refunded"
    txn.refresh_from_db()
    assert (txn.refunded_amount, txn.needs_attention) == (150_000, True)


@pytest.mark.parametrize("gateway", ["ocop.cod", "ocop.stripe", "saleor.app.payment.stripe"])
def test_it_lists_both_gateways_for_a_checkout(db: Any, api: Client, gateway: str) -> None:
    # given a checkout
    checkout = factories.checkout([(factories.product().variants.get(), 1)])
    query = """
    mutation($id: ID!) { paymentGatewayInitialize(id: $id) {
      gatewayConfigs { id data errors { code } } errors { code } } }
    """
    # when the storefront asks which gateways it can use
    body = gql(api, query, {"id": checkout_id(checkout)})["data"]["paymentGatewayInitialize"]
    # then cash on delivery and Stripe are both offered (Stripe also as Saleor's Stripe app)
    configs = {c["id"]: c for c in body["gatewayConfigs"]}
    assert body["errors"] == []
    assert set(configs) == {"ocop.cod", "ocop.stripe", "saleor.app.payment.stripe"}
    assert configs[gateway]["errors"] == []


def test_it_names_the_fields_that_stop_a_payment_as_the_api_does(db: Any, api: Client) -> None:
    # given a checkout without an address or a delivery method
    variant = factories.product(owner=factories.seller()).variants.get()
    checkout = factories.checkout([(variant, 1)], address=False, deliver=False)
    cid = graphene.Node.to_global_id("Checkout", checkout.pk)
    # when paying through a gateway we do not have, then through Stripe
    unknown = gql(api, TRANSACTION_INITIALIZE, {"id": cid, "gateway": {"id": "no.such"}})
    unready = gql(api, TRANSACTION_INITIALIZE, {"id": cid, "gateway": STRIPE})
    # then the errors name the API's fields (the domain names them in snake_case)
    assert [
        (e["field"], e["code"]) for e in unknown["data"]["transactionInitialize"]["errors"]
    ] == [("paymentGateway", "NOT_FOUND")]
    assert [
        (e["field"], e["code"]) for e in unready["data"]["transactionInitialize"]["errors"]
    ] == [("shippingAddress", "INVALID"), ("shippingMethod", "INVALID")]
