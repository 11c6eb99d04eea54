"""Payment gateways in the Saleor 3.23 transaction shape.

`paymentGatewayInitialize` lists each available gateway with its client config;
`transactionInitialize` starts a payment (`Gateway.start`), `transactionProcess` asks the
gateway where it stands (`Gateway.resume`). Two gateways: cash on delivery (always, also in
the embedded mode) and Stripe (when STRIPE_SECRET_KEY is set), also listed under the id of
Saleor's Stripe app (`saleor.app.payment.stripe`) in that app's shape. Gateways only talk to the
provider; payments/transactions.py records what they answer.
"""

from __future__ import annotations

from payments.gateways.base import Gateway, GatewayResult, RefundOutcome
from payments.gateways.cod import CashOnDelivery
from payments.gateways.stripe_gateway import StripeAppGateway, StripeGateway

__all__ = [
    "Gateway",
    "GatewayResult",
    "RefundOutcome",
    "all_gateways",
    "available_gateways",
    "get_gateway",
]


def all_gateways() -> list[Gateway]:
    return [CashOnDelivery(), StripeGateway(), StripeAppGateway()]


def available_gateways() -> list[Gateway]:
    return [g for g in all_gateways() if g.is_available()]


def get_gateway(gateway_id: str, *, available_only: bool = True) -> Gateway | None:
    pool = available_gateways() if available_only else all_gateways()
    return next((g for g in pool if g.id == gateway_id), None)
