from __future__ import annotations

from typing import Any

import graphene

from livestream.session_edits import do_create_livestream_with_cover
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamMutation
from storefront_api.livestream.mutations.common import LivestreamCreateInput, livestream_fields
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamCreate(LivestreamMutation):
    """OCOP: a livestream host creates a draft session (then invites sellers, adds offers
    and schedules it). Sellers the host is a member of agree at once."""

    class Arguments:
        input = LivestreamCreateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> LivestreamCreate:
        user = require_user(info)
        livestream = do_create_livestream_with_cover(
            user, livestream_fields(input), input.get("cover_image")
        )
        return cls.success(livestream=reload_for_payload(info, livestream.pk))
