from __future__ import annotations

import graphene

from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.transition import SellerTransitionMutation
from storefront_api.sellers.types import Seller


class SellerReject(SellerTransitionMutation):
    """OCOP: an officer rejects the application (submitted → rejected)."""

    seller = graphene.Field(Seller)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    action = "reject"

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(description="Required.")
