from __future__ import annotations

from typing import Any

import graphene

from livestream.transitions import do_end
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamMutation
from storefront_api.livestream.mutations.common import livestream_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamEnd(LivestreamMutation):
    """OCOP: the host ends a live session by hand (live → ended); live prices stop at once.
    Sessions also end by themselves at their end."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str, **_: Any) -> LivestreamEnd:
        user = require_user(info)
        livestream = do_end(user, livestream_pk(id))
        return cls.success(livestream=reload_for_payload(info, livestream.pk))
