from __future__ import annotations

from typing import Any

import graphene

from livestream.offers import do_update_offer
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LiveOfferMutation
from storefront_api.livestream.mutations.common import LiveOfferUpdateInput, offer_pk, whole_dong
from storefront_api.livestream.resolvers import prepare_offer, reload_for_payload


class LiveOfferUpdate(LiveOfferMutation):
    """OCOP: change a live offer's price, cap or per-buyer limit (even while live; the cap
    never drops below the units already claimed)."""

    class Arguments:
        id = graphene.ID(required=True)
        input = LiveOfferUpdateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, input: dict[str, Any], **_: Any
    ) -> LiveOfferUpdate:
        user = require_user(info)
        changes = {
            "live_price": whole_dong("livePrice", input.get("live_price")),
            "quantity_cap": input.get("quantity_cap"),
            "per_buyer_limit": input.get("per_buyer_limit"),
        }
        offer = do_update_offer(user, offer_pk(id), changes)
        return cls.success(
            live_offer=prepare_offer(info, offer.pk),
            livestream=reload_for_payload(info, offer.livestream_id),
        )
