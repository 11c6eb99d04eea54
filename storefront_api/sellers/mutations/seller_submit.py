from __future__ import annotations

import graphene

from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.transition import SellerTransitionMutation
from storefront_api.sellers.types import Seller


class SellerSubmit(SellerTransitionMutation):
    """OCOP: submit the application for review (draft or changes requested → submitted)."""

    seller = graphene.Field(Seller)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    action = "submit"

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(description="Optional note to the officer.")
