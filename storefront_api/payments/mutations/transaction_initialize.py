from __future__ import annotations

from typing import Any

import graphene

from payments.transactions import do_initialize
from storefront_api.core.mutation import BaseMutation
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.payments.errors import TransactionInitializeError
from storefront_api.payments.mutations.checkout_ids import visible_checkout
from storefront_api.payments.mutations.payment_gateway_initialize import (
    PaymentGatewayToInitialize,
)
from storefront_api.payments.scalars import JSON
from storefront_api.payments.types import (
    TransactionEvent,
    TransactionFlowStrategyEnum,
    TransactionItem,
)


class TransactionInitialize(BaseMutation):
    """Start paying a checkout's total.

    `ocop.stripe`: creates a Stripe PaymentIntent in VND (outside any stock lock) and
    returns `data.paymentIntent.clientSecret` for Stripe.js; then call checkoutComplete —
    the orders are paid when Stripe confirms (webhook). If Stripe cannot be reached, the
    transaction is returned failed, with a GRAPHQL_ERROR error; try again. `ocop.cod`:
    records the choice of cash on delivery. The same `idempotencyKey` returns the same transaction.
    """

    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(TransactionEvent)
    data = JSON()
    errors = graphene.List(graphene.NonNull(TransactionInitializeError), required=True)

    error_type = TransactionInitializeError

    class Arguments:
        action = TransactionFlowStrategyEnum()
        amount = PositiveDecimal()
        customer_ip_address = graphene.String()
        id = graphene.ID(required=True, description="The checkout's ID.")
        idempotency_key = graphene.String()
        payment_gateway = PaymentGatewayToInitialize(required=True)

    @classmethod
    def perform_mutation(
        cls,
        info: graphene.ResolveInfo,
        id: str,
        payment_gateway: dict[str, Any],
        amount: Any = None,
        idempotency_key: str | None = None,
        **_: Any,
    ) -> Any:
        checkout = visible_checkout(info.context.user, id)
        started = do_initialize(
            checkout.pk,
            str(payment_gateway["id"]),
            user=info.context.user,
            amount=int(amount) if amount is not None else None,
            idempotency_key=idempotency_key,
        )
        # A provider failure is recorded (a CHARGE_FAILURE event on the transaction) and
        # answered with a generic error and a code; its detail is only in the log.
        errors = [started.error] if started.error is not None else []
        return cls(
            transaction=started.transaction,
            transaction_event=started.event,
            data=started.data,
            errors=cls.error_items(errors),
        )
