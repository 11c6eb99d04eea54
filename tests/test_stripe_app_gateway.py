"""Our Stripe gateway under the id of Saleor's Stripe app (`saleor.app.payment.stripe`), in
the shapes Saleor's storefront reads: `stripePublishableKey` from paymentGatewayInitialize,
`paymentIntent.stripeClientSecret` from transactionInitialize (PaymentIntents on stripe-mock)."""

from __future__ import annotations

from typing import Any

import graphene
from django.test import Client

from payments.models import Transaction
from tests import factories
from tests.conftest import gql
from tests.helpers.checkout import checkout_id
from tests.helpers.promotions import operation

APP = "saleor.app.payment.stripe"


def test_it_configures_the_stripe_app_gateway_in_the_apps_shape(
    db: Any, api: Client, settings: Any
) -> None:
    # given a checkout, and Stripe's publishable key
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    checkout = factories.checkout([(factories.product().variants.get(), 1)])
    # when the storefront initializes the Stripe app's gateway only
    body = gql(
        api,
        operation("promotions", "PromoGatewaysInitialize"),
        {"checkoutId": checkout_id(checkout), "paymentGateways": [{"id": APP}]},
    )["data"]["paymentGatewayInitialize"]
    # then its config carries the key as the app names it
    assert body == {
        "errors": [],
        "gatewayConfigs": [
            {"id": APP, "data": {"stripePublishableKey": "pk_test_ocop"}, "errors": []}
        ],
    }
    # and the checkout lists it beside our own gateways
    listed = gql(
        api, operation("promotions", "PromoCheckoutGateways"), {"id": checkout_id(checkout)}
    )
    gateways = listed["data"]["checkout"]["availablePaymentGateways"]
    assert [g["id"] for g in gateways] == ["ocop.cod", "ocop.stripe", APP]
    assert gateways[2]["config"] == [{"field": "stripePublishableKey", "value": "pk_test_ocop"}]
    assert gateways[2]["currencies"] == ["VND"]


def test_it_pays_through_the_stripe_app_id_with_the_apps_data(db: Any, api: Client) -> None:
    # given a checkout of 150.000 ₫ (goods and delivery)
    checkout = factories.checkout([(factories.product(price=120_000).variants.get(), 1)])
    # when the storefront starts a payment as the Stripe app's component does
    started = gql(
        api,
        operation("promotions", "PromoTransactionInitialize"),
        {
            "checkoutId": checkout_id(checkout),
            "amount": 150_000,
            "paymentGateway": {"id": APP, "data": {"paymentIntent": {"paymentMethod": "card"}}},
        },
    )["data"]["transactionInitialize"]
    # then the PaymentIntent's client secret comes as paymentIntent.stripeClientSecret
    assert started["errors"] == []
    assert started["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    secret = started["data"]["paymentIntent"]["stripeClientSecret"]
    assert secret.startswith("pi_") and "_secret_" in secret
    # and the payment is recorded under our own Stripe id (webhooks, refunds alike)
    txn = Transaction.objects.get()
    assert (txn.gateway, txn.amount) == ("ocop.stripe", 150_000)
    assert started["transaction"]["id"] == graphene.Node.to_global_id("TransactionItem", txn.token)
    # and when the storefront asks where it stands, the answer keeps the app's shape
    processed = gql(
        api,
        operation("promotions", "PromoTransactionProcess"),
        {"id": started["transaction"]["id"]},
    )["data"]["transactionProcess"]
    assert processed["errors"] == []
    assert processed["data"]["paymentIntent"]["stripeClientSecret"] == secret
