"""The base of the six workflow mutations; each lives in its own module."""

from __future__ import annotations

from typing import Any, ClassVar

import graphene

from sellers.workflow import ACTIONS, do_transition
from storefront_api.core.mutation import OcopMutation, require_user
from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.common import check_editor, check_officer, load_seller


class SellerTransitionMutation(OcopMutation):
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
        seller = load_seller(id, "id", lock=not action.by_officer)
        if action.by_officer:
            check_officer(user, seller)
        else:
            check_editor(user, seller)
        return cls.success(seller=do_transition(seller, cls.action, user, reason))
