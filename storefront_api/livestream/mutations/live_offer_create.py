from __future__ import annotations

from typing import Any

import graphene

from livestream.offers import do_create_offer
from storefront_api.core.channel import resolve_channel
from storefront_api.core.errors import fail
from storefront_api.core.mutation import decode_id, require_user
from storefront_api.livestream.mutations.base import LiveOfferMutation
from storefront_api.livestream.mutations.common import (
    LiveOfferCreateInput,
    livestream_pk,
    whole_dong,
)
from storefront_api.livestream.resolvers import prepare_offer, reload_for_payload


class LiveOfferCreate(LiveOfferMutation):
    """OCOP: the host, or a member of the product's seller (which agreed to the session),
    offers a listable variant at a live price below its regular price and its 30-day low."""

    class Arguments:
        livestream = graphene.ID(required=True)
        input = LiveOfferCreateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, livestream: str, input: dict[str, Any], **_: Any
    ) -> LiveOfferCreate:
        user = require_user(info)
        pk = livestream_pk(livestream, "livestream")
        try:
            channel = resolve_channel(input.get("channel"))
        except Exception as exc:
            fail("channel", str(exc), "NOT_FOUND")
        offer = do_create_offer(
            user,
            pk,
            variant_id=decode_id(input["variant"], "ProductVariant", "variant"),
            channel=channel,
            live_price=whole_dong("livePrice", input["live_price"]) or 0,
            quantity_cap=input["quantity_cap"],
            per_buyer_limit=input["per_buyer_limit"],
        )
        return cls.success(
            live_offer=prepare_offer(info, offer.pk),
            livestream=reload_for_payload(info, pk),
        )
