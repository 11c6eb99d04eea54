from __future__ import annotations

import graphene

from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.transition import SellerTransitionMutation
from storefront_api.sellers.types import Seller


class SellerReinstate(SellerTransitionMutation):
    """OCOP: an officer reinstates a suspended seller (suspended → approved)."""

    seller = graphene.Field(Seller)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    action = "reinstate"

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(description="Optional.")
