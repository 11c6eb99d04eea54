"""What every payment gateway is: the `Gateway` protocol and the results it returns.

The registry (`payments.gateways`) imports the gateways, which import this module, never
the registry: the package and its modules do not import each other.
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
    stored_id: str  # the id its transactions are recorded under (an alias shares one)
    name: str

    def is_available(self) -> bool: ...

    def client_config(self) -> dict[str, Any]: ...

    def start(self, txn: Transaction) -> GatewayResult: ...

    def resume(self, txn: Transaction) -> GatewayResult: ...

    def refund(self, refund: Refund, txn: Transaction) -> RefundOutcome: ...
