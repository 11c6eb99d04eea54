from __future__ import annotations

from typing import Any

import graphene

from livestream.flash import do_launch_flash
from storefront_api.core.mutation import require_user
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.livestream.mutations.base import LiveOfferMutation
from storefront_api.livestream.mutations.common import offer_pk, whole_dong
from storefront_api.livestream.resolvers import prepare_offer, reload_for_payload


class LiveOfferFlashDealInput(graphene.InputObjectType):
    flash_price = PositiveDecimal(required=True, description="Below the offer's live price.")
    quantity_cap = graphene.Int(required=True, description="Units sold in the flash deal.")
    per_buyer_limit = graphene.Int(required=True)
    countdown_seconds = graphene.Int(required=True, description="10 to 300 seconds.")
    duration_minutes = graphene.Int(required=True, description="1 to 20 minutes.")


class LiveOfferFlashDealLaunch(LiveOfferMutation):
    """OCOP: the host launches a flash deal on a live offer: after the countdown it sells
    at the flash price, up to its own cap and per-buyer limit, for its duration."""

    class Arguments:
        id = graphene.ID(required=True, description="The live offer.")
        input = LiveOfferFlashDealInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, input: dict[str, Any], **_: Any
    ) -> LiveOfferFlashDealLaunch:
        user = require_user(info)
        deal = do_launch_flash(
            user,
            offer_pk(id),
            flash_price=whole_dong("flashPrice", input["flash_price"]),
            quantity_cap=input["quantity_cap"],
            per_buyer_limit=input["per_buyer_limit"],
            countdown_seconds=input["countdown_seconds"],
            duration_minutes=input["duration_minutes"],
        )
        return cls.success(
            live_offer=prepare_offer(info, deal.offer_id),
            livestream=reload_for_payload(info, deal.livestream_id),
        )
