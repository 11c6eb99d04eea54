from __future__ import annotations

from typing import Any

import graphene

from livestream.transitions import do_start
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamMutation
from storefront_api.livestream.mutations.common import livestream_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamStart(LivestreamMutation):
    """OCOP: the host goes live by hand (scheduled → live), at most 30 minutes early. Sessions
    also go live by themselves at their start."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str, **_: Any) -> LivestreamStart:
        user = require_user(info)
        livestream = do_start(user, livestream_pk(id))
        return cls.success(livestream=reload_for_payload(info, livestream.pk))
