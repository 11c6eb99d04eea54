from __future__ import annotations

import graphene

from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.transition import SellerTransitionMutation
from storefront_api.sellers.types import Seller


class SellerApprove(SellerTransitionMutation):
    """OCOP: an officer of the seller's province approves it (submitted → approved)."""

    seller = graphene.Field(Seller)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    action = "approve"

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(description="Optional.")
