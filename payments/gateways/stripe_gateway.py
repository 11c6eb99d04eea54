"""The Stripe gateway: a PaymentIntent per transaction; the client secret goes to the
storefront, which confirms the payment with Stripe.js; the webhook tells us the outcome."""

from __future__ import annotations

from typing import Any

from django.conf import settings

import payments.gateways.stripe as api
from payments.gateways.base import GatewayResult, RefundOutcome
from payments.models import Refund, Transaction, TransactionEventType

_EVENT_FOR_STATUS = {
    "succeeded": TransactionEventType.CHARGE_SUCCESS,
    "canceled": TransactionEventType.CANCEL_SUCCESS,
}


def _publishable_key() -> str | None:
    return getattr(settings, "STRIPE_PUBLISHABLE_KEY", "") or None


def _client_data(snapshot: api.IntentSnapshot) -> dict[str, Any]:
    """What the storefront needs to confirm the intent with Stripe.js. The secret is given
    under both names: `clientSecret` (ours) and `stripeClientSecret` (Saleor's Stripe app,
    which Saleor storefronts read), since a transaction is resumed whatever id started it."""
    return {
        "paymentIntent": {
            "id": snapshot.id,
            "clientSecret": snapshot.client_secret,
            "stripeClientSecret": snapshot.client_secret,
            "status": snapshot.status,
            "amount": snapshot.amount,
            "currency": snapshot.currency,
        },
        "publishableKey": _publishable_key(),
    }


class StripeGateway:
    id = api.GATEWAY_ID
    # The id its transactions are recorded under (the same for the Stripe app alias).
    stored_id = api.GATEWAY_ID
    name = "Thẻ quốc tế (Stripe)"

    def is_available(self) -> bool:
        return api.is_configured()

    def client_config(self) -> dict[str, Any]:
        return {"publishableKey": _publishable_key()}

    def start(self, txn: Transaction) -> GatewayResult:
        snapshot = api.create_intent(
            transaction_token=str(txn.token),
            checkout_token=str(txn.checkout_token),
            amount=txn.amount,
            description=f"OCOP checkout {txn.checkout_token}",
        )
        return GatewayResult(
            event_type=TransactionEventType.CHARGE_ACTION_REQUIRED,
            psp_reference=snapshot.id,
            data=_client_data(snapshot),
            snapshot=snapshot,
        )

    def resume(self, txn: Transaction) -> GatewayResult:
        if not txn.psp_reference:
            return self.start(txn)
        snapshot = api.retrieve_intent(txn.psp_reference)
        return GatewayResult(
            event_type=_EVENT_FOR_STATUS.get(
                snapshot.status, TransactionEventType.CHARGE_ACTION_REQUIRED
            ),
            psp_reference=snapshot.id,
            data=_client_data(snapshot),
            snapshot=snapshot,
        )

    def refund(self, refund: Refund, txn: Transaction) -> RefundOutcome:
        assert txn.psp_reference
        result = api.refund(
            txn.psp_reference,
            refund.amount,
            refund.idempotency_key,
            {"refund_key": refund.idempotency_key, "transaction_token": str(txn.token)},
        )
        return RefundOutcome(
            psp_reference=result.id, succeeded=result.status in ("succeeded", "pending")
        )


class StripeAppGateway(StripeGateway):
    """Our Stripe gateway under the id of Saleor's Stripe app, `saleor.app.payment.stripe`,
    which Saleor's storefront pays through: its configuration in the app's shape
    (`stripePublishableKey`), and the same PaymentIntents, recorded under our own id, so
    webhooks, refunds and reconciliation treat them alike."""

    id = api.STRIPE_APP_GATEWAY_ID

    def client_config(self) -> dict[str, Any]:
        return {"stripePublishableKey": _publishable_key()}
