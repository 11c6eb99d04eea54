"""Stripe, as a PaymentIntent per checkout, in VND.

VND is zero-decimal for Stripe: `amount` is whole đồng (120000 = 120.000 ₫). Every call here
is a network call and must run OUTSIDE any database transaction that holds locks. Each
intent carries our transaction and checkout tokens in its metadata, and is created with the
idempotency key `ocop-pi-<transaction token>`, so repeating the call (after a crash before
its result was recorded) returns the same intent instead of a second one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import stripe
from django.conf import settings

GATEWAY_ID = "ocop.stripe"
# Saleor's Stripe app: the id Saleor storefronts pay through (an alias of ours).
STRIPE_APP_GATEWAY_ID = "saleor.app.payment.stripe"
CURRENCY = "vnd"


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def client() -> stripe.StripeClient:
    base = settings.STRIPE_API_BASE
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": base} if base else {},
        max_network_retries=2,
    )


@dataclass(frozen=True)
class IntentSnapshot:
    """The facts of a PaymentIntent we act on, from an API response or a webhook payload."""

    id: str
    status: str
    amount: int
    amount_received: int
    currency: str
    metadata: dict[str, str] = field(default_factory=dict)
    client_secret: str | None = None

    @classmethod
    def from_stripe(cls, obj: Any) -> IntentSnapshot:
        data = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
        return cls(
            id=str(data["id"]),
            status=str(data.get("status") or ""),
            amount=int(data.get("amount") or 0),
            amount_received=int(data.get("amount_received") or 0),
            currency=str(data.get("currency") or "").lower(),
            metadata={str(k): str(v) for k, v in (data.get("metadata") or {}).items()},
            client_secret=data.get("client_secret"),
        )


def intent_idempotency_key(transaction_token: str) -> str:
    return f"ocop-pi-{transaction_token}"


def create_intent(
    *, transaction_token: str, checkout_token: str, amount: int, description: str = ""
) -> IntentSnapshot:
    params: dict[str, Any] = {
        "amount": int(amount),
        "currency": CURRENCY,
        "automatic_payment_methods": {"enabled": True},
        "metadata": {"transaction_token": transaction_token, "checkout_token": checkout_token},
    }
    if description:
        params["description"] = description
    intent = client().v1.payment_intents.create(
        params=params,  # type: ignore[arg-type]
        options={"idempotency_key": intent_idempotency_key(transaction_token)},
    )
    return IntentSnapshot.from_stripe(intent)


def retrieve_intent(intent_id: str) -> IntentSnapshot:
    return IntentSnapshot.from_stripe(client().v1.payment_intents.retrieve(intent_id))


def cancel_intent(intent_id: str) -> IntentSnapshot:
    """Raises stripe.InvalidRequestError when the intent can no longer be canceled (e.g. it
    succeeded meanwhile)."""
    return IntentSnapshot.from_stripe(client().v1.payment_intents.cancel(intent_id))


def tag_intent(intent_id: str, metadata: dict[str, str]) -> None:
    client().v1.payment_intents.update(intent_id, params={"metadata": metadata})


@dataclass(frozen=True)
class RefundResult:
    id: str
    status: str
    amount: int


def refund(
    intent_id: str, amount: int, idempotency_key: str, metadata: dict[str, str]
) -> RefundResult:
    made = client().v1.refunds.create(
        params={"payment_intent": intent_id, "amount": int(amount), "metadata": metadata},
        options={"idempotency_key": f"ocop-refund-{idempotency_key}"},
    )
    return RefundResult(id=made.id, status=str(made.status), amount=int(made.amount))


StripeError = stripe.StripeError


def error_summary(exc: BaseException) -> str:
    """A failure's kind without its text, safe to keep where clients or staff read it: the
    exception class and Stripe's error code (e.g. "InvalidRequestError resource_missing").
    The message itself can name the API host and port, so only the log gets it."""
    code = getattr(exc, "code", None)
    return f"{type(exc).__name__} {code}" if code else type(exc).__name__
