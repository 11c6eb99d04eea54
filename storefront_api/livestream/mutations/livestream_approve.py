from __future__ import annotations

from typing import Any

import graphene

from livestream.scheduling import do_approve
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamMutation
from storefront_api.livestream.mutations.common import livestream_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamApprove(LivestreamMutation):
    """OCOP: an officer of the programme's province (or a national officer) approves a programme
    session, which makes it public."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str, **_: Any) -> LivestreamApprove:
        user = require_user(info)
        livestream = do_approve(user, livestream_pk(id))
        return cls.success(livestream=reload_for_payload(info, livestream.pk))
