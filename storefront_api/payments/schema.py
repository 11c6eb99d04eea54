"""Payment mutations (Saleor 3.23's transaction flow) and the OCOP payout ledger."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.payments.ledger import build_ledger, can_read_ledger, seller_from_id
from storefront_api.payments.mutations.payment_gateway_initialize import (
    PaymentGatewayInitialize,
)
from storefront_api.payments.mutations.seller_payout_create import SellerPayoutCreate
from storefront_api.payments.mutations.transaction_initialize import TransactionInitialize
from storefront_api.payments.mutations.transaction_process import TransactionProcess
from storefront_api.payments.types import SellerLedger


class PaymentQueries(graphene.ObjectType):
    seller_ledger = graphene.Field(
        SellerLedger,
        seller=graphene.ID(required=True),
        description="OCOP: a seller's payout ledger (its members and admins).",
    )

    @staticmethod
    def resolve_seller_ledger(root: Any, info: graphene.ResolveInfo, seller: str) -> Any:
        found = seller_from_id(seller)
        if found is None or not can_read_ledger(info.context.user, found):
            return None
        return build_ledger(found)


class PaymentMutations(graphene.ObjectType):
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
    seller_payout_create = SellerPayoutCreate.Field()
