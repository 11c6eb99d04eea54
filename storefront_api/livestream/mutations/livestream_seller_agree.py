from __future__ import annotations

from typing import Any

import graphene

from livestream.scheduling import do_seller_agree
from storefront_api.core.mutation import decode_id, require_user
from storefront_api.livestream.mutations.base import LivestreamMutation
from storefront_api.livestream.mutations.common import livestream_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamSellerAgree(LivestreamMutation):
    """OCOP: a member of an invited seller agrees that its goods are sold in the session;
    only then can its products be offered."""

    class Arguments:
        id = graphene.ID(required=True, description="The livestream.")
        seller = graphene.ID(required=True, description="The invited seller.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, seller: str, **_: Any
    ) -> LivestreamSellerAgree:
        user = require_user(info)
        pk = livestream_pk(id)
        do_seller_agree(user, pk, decode_id(seller, "Seller", "seller"))
        return cls.success(livestream=reload_for_payload(info, pk))
