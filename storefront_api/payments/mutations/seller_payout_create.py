from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from orders.permissions import is_admin
from payments.payouts import do_record_payout
from storefront_api.core.errors import ValidationErrors, fail
from storefront_api.core.mutation import BaseMutation
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.payments.errors import SellerPayoutError
from storefront_api.payments.ledger import build_ledger, seller_from_id
from storefront_api.payments.types import SellerLedger, SellerLedgerEntry


class SellerPayoutCreate(BaseMutation):
    """OCOP: an admin records a bank transfer already made to a seller (it lowers the
    balance the platform owes). Admins only."""

    entry = graphene.Field(SellerLedgerEntry)
    ledger = graphene.Field(SellerLedger)
    errors = graphene.List(graphene.NonNull(SellerPayoutError), required=True)

    error_type = SellerPayoutError

    class Arguments:
        seller = graphene.ID(required=True)
        amount = PositiveDecimal(required=True, description="Đồng transferred.")
        reference = graphene.String(required=True, description="The bank transfer reference.")
        note = graphene.String()

    @classmethod
    def perform_mutation(
        cls,
        info: graphene.ResolveInfo,
        seller: str,
        amount: Any,
        reference: str,
        note: str | None = None,
    ) -> Any:
        user = info.context.user
        try:
            found = seller_from_id(seller)
            if not is_admin(user):
                fail(None, _("Only admins record payouts."), "PERMISSION_DENIED")
            if found is None:
                fail("seller", _("Seller not found."), "NOT_FOUND")
            if not (reference or "").strip():
                fail("reference", _("Reference required."), "REQUIRED")
            if amount is None or int(amount) != amount:
                fail("amount", _("Whole đồng."), "INVALID")
            entry = do_record_payout(found, int(amount), reference, note or "", user)
        except ValidationErrors as exc:
            return cls.failure(exc.errors)
        return cls.success(entry=entry, ledger=build_ledger(found))
