"""The base of the six workflow mutations; each lives in its own module."""

from __future__ import annotations

from typing import Any, ClassVar

import graphene

from sellers.units import do_with_seller
from sellers.workflow import ACTIONS, do_transition
from storefront_api.core.mutation import BaseMutation, require_user
from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.common import (
    check_officer,
    load_seller,
    seller_editor,
    seller_pk,
)


class SellerTransitionMutation(BaseMutation):
    class Meta:
        abstract = True

    action: ClassVar[str]
    error_type = SellerError

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, reason: str | None = None, **_: Any
    ) -> SellerTransitionMutation:
        user = require_user(info)
        action = ACTIONS[cls.action]
        if action.by_officer:
            # No lock: the transition is a conditional UPDATE on the status the officer saw.
            seller = load_seller(id, "id")
            check_officer(user, seller)
            return cls.success(seller=do_transition(seller, cls.action, user, reason))
        moved = do_with_seller(
            seller_pk(id, "id"),
            seller_editor("id", user),
            lambda seller: do_transition(seller, cls.action, user, reason),
        )
        return cls.success(seller=moved)
