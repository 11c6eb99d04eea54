from __future__ import annotations

import uuid
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from checkout.models import Checkout
from orders.permissions import can_view_group
from payments.models import Transaction
from payments.transactions import resume
from storefront_api.checkout.types import can_see_checkout
from storefront_api.core.mutation import BaseMutation
from storefront_api.payments.errors import TransactionProcessError
from storefront_api.payments.scalars import JSON
from storefront_api.payments.types import TransactionEvent, TransactionItem


def _token(id: str | None, token: Any) -> uuid.UUID | None:
    try:
        if token:
            return uuid.UUID(str(token))
        kind, pk = graphene.Node.resolve_global_id(None, id or "")
        return uuid.UUID(str(pk)) if kind == "TransactionItem" else None
    except Exception:
        return None


class TransactionProcess(BaseMutation):
    """Ask the gateway where a payment stands (after Stripe.js confirmed it, say); what it
    says is applied exactly as the webhook would (what Stripe received is booked, not what
    was asked). If Stripe cannot be reached: a GRAPHQL_ERROR error with a generic message."""

    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(TransactionEvent)
    data = JSON()
    errors = graphene.List(graphene.NonNull(TransactionProcessError), required=True)

    error_type = TransactionProcessError

    class Arguments:
        customer_ip_address = graphene.String()
        data = JSON()
        id = graphene.ID(description="The transaction's ID.")
        token = graphene.UUID(description="The transaction's token.")

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, **args: Any) -> Any:
        key = _token(args.get("id"), args.get("token"))
        txn = Transaction.objects.filter(token=key).first() if key else None
        visible = False
        if txn is not None:
            checkout = Checkout.objects.filter(pk=txn.checkout_token).first()
            if checkout is not None:
                visible = can_see_checkout(info.context.user, checkout)
            elif txn.order_group is not None:
                visible = can_view_group(info.context.user, txn.order_group)
        if txn is None or not visible:
            return cls(
                errors=[
                    TransactionProcessError(
                        field="id",
                        message=_("Transaction not found."),
                        code="NOT_FOUND",
                    )
                ]
            )
        done = resume(txn)
        errors = [done.error] if done.error is not None else []
        return cls(
            transaction=done.transaction,
            transaction_event=done.event,
            data=done.data,
            errors=cls.error_items(errors),
        )
