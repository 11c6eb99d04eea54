from __future__ import annotations

from typing import Any

import graphene

from livestream.pins import do_pin_offer
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamMutation
from storefront_api.livestream.mutations.common import livestream_pk, offer_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamPinOffer(LivestreamMutation):
    """OCOP: the host pins one offer of the session (the previous one is unpinned); without
    `offer`, nothing is pinned."""

    class Arguments:
        id = graphene.ID(required=True, description="The livestream.")
        offer = graphene.ID(description="The live offer to pin; null unpins.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, offer: str | None = None, **_: Any
    ) -> LivestreamPinOffer:
        user = require_user(info)
        pk = livestream_pk(id)
        do_pin_offer(user, pk, offer_pk(offer, "offer") if offer else None)
        return cls.success(livestream=reload_for_payload(info, pk))
