"""Cash on delivery: the order is placed unpaid; its seller marks it paid on delivery."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from orders.models import PaymentGatewayId
from payments.gateways.base import GatewayResult, RefundOutcome
from payments.models import Refund, Transaction, TransactionEventType

INSTRUCTIONS = _("Pay in cash when the parcel is delivered.")


class CashOnDelivery:
    id = PaymentGatewayId.COD.value
    stored_id = PaymentGatewayId.COD.value
    name = "Thanh toán khi nhận hàng (COD)"

    def is_available(self) -> bool:
        return True

    def client_config(self) -> dict[str, Any]:
        return {"instructions": str(INSTRUCTIONS)}

    def start(self, txn: Transaction) -> GatewayResult:
        return GatewayResult(
            event_type=TransactionEventType.INFO,
            message=str(INSTRUCTIONS),
            data={"instructions": str(INSTRUCTIONS)},
        )

    def resume(self, txn: Transaction) -> GatewayResult:
        return self.start(txn)

    def refund(self, refund: Refund, txn: Transaction) -> RefundOutcome:
        # Cash is handed back by the seller; nothing to call. Recorded as done.
        return RefundOutcome(psp_reference=f"cod-refund-{refund.pk}", succeeded=True)
