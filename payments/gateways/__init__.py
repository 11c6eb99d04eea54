"""Payment gateways in the Saleor 3.23 transaction shape.

`paymentGatewayInitialize` lists each available gateway with its client config;
`transactionInitialize` starts a payment (`Gateway.start`), `transactionProcess` asks the
gateway where it stands (`Gateway.resume`). Two gateways: cash on delivery (always, also in
the embedded mode) and Stripe (when STRIPE_SECRET_KEY is set). Gateways only talk to the
provider; payments/transactions.py records what they answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from payments.models import Refund, Transaction


@dataclass(frozen=True)
class GatewayResult:
    event_type: str  # a TransactionEventType value
    psp_reference: str | None = None
    message: str = ""
    data: dict[str, Any] | None = None
    snapshot: Any = None  # the provider's view (an IntentSnapshot for Stripe)


@dataclass(frozen=True)
class RefundOutcome:
    psp_reference: str
    succeeded: bool
    extra: dict[str, Any] = field(default_factory=dict)


class Gateway(Protocol):
    id: str
    name: str

    def is_available(self) -> bool: ...

    def client_config(self) -> dict[str, Any]: ...

    def start(self, txn: Transaction) -> GatewayResult: ...

    def resume(self, txn: Transaction) -> GatewayResult: ...

    def refund(self, refund: Refund, txn: Transaction) -> RefundOutcome: ...


def all_gateways() -> list[Gateway]:
    from payments.gateways.cod import CashOnDelivery
    from payments.gateways.stripe_gateway import StripeGateway

    return [CashOnDelivery(), StripeGateway()]


def available_gateways() -> list[Gateway]:
    return [g for g in all_gateways() if g.is_available()]


def get_gateway(gateway_id: str, *, available_only: bool = True) -> Gateway | None:
    pool = available_gateways() if available_only else all_gateways()
    return next((g for g in pool if g.id == gateway_id), None)
