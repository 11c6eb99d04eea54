from __future__ import annotations

from typing import Any

import graphene

from livestream.offers import do_delete_offer
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LiveOfferMutation
from storefront_api.livestream.mutations.common import offer_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LiveOfferDelete(LiveOfferMutation):
    """OCOP: remove an offer nobody has bought from yet."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str, **_: Any) -> LiveOfferDelete:
        user = require_user(info)
        livestream_id = do_delete_offer(user, offer_pk(id))
        return cls.success(live_offer=None, livestream=reload_for_payload(info, livestream_id))
