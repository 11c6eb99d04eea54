"""Payment GraphQL documents and Stripe webhooks signed as Stripe signs them."""

from __future__ import annotations

from typing import Any

from django.test import Client

TRANSACTION_INITIALIZE = """
mutation Pay($id: ID!, $gateway: PaymentGatewayToInitialize!, $key: String) {
  transactionInitialize(id: $id, paymentGateway: $gateway, idempotencyKey: $key) {
    transaction { id token pspReference gateway chargedAmount { amount }
                  events { type pspReference } }
    transactionEvent { type pspReference amount { amount } }
    data
    errors { field message code }
  }
}
"""


# --- Stripe webhooks, signed as Stripe does ------------------------------------------------


def stripe_event(type: str, obj: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    import time
    import uuid

    return {
        "id": event_id or f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "type": type,
        "data": {"object": obj},
    }


def intent_object(
    intent_id: str, amount: int, status: str, metadata: dict[str, str] | None = None
) -> dict[str, Any]:
    return {
        "id": intent_id,
        "object": "payment_intent",
        "amount": amount,
        "amount_received": amount if status == "succeeded" else 0,
        "currency": "vnd",
        "status": status,
        "metadata": metadata or {},
        "last_payment_error": {"message": "Thẻ bị từ chối"}
        if status == "requires_payment_method"
        else None,
    }


def charge_object(intent_id: str, amount: int, refunded: int) -> dict[str, Any]:
    return {
        "id": f"ch_{intent_id[3:]}",
        "object": "charge",
        "payment_intent": intent_id,
        "amount": amount,
        "amount_refunded": refunded,
        "refunded": refunded >= amount,
        "currency": "vnd",
    }


def signature(payload: str, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header: t=…,v1=HMAC-SHA256(secret, f"{t}.{payload}")."""
    import hashlib
    import hmac
    import time

    t = timestamp if timestamp is not None else int(time.time())
    digest = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def post_webhook(api: Client, event: dict[str, Any], secret: str | None = None) -> Any:
    import json

    from django.conf import settings

    payload = json.dumps(event)
    return api.post(
        "/webhooks/stripe/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature(payload, secret or settings.STRIPE_WEBHOOK_SECRET),
    )
