from __future__ import annotations

import graphene

from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.transition import SellerTransitionMutation
from storefront_api.sellers.types import Seller


class SellerRequestChanges(SellerTransitionMutation):
    """OCOP: an officer asks for changes (submitted → changes requested)."""

    seller = graphene.Field(Seller)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    action = "request_changes"

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(description="Required: what to change.")
