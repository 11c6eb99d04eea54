from __future__ import annotations

from typing import Any

import graphene

from livestream.scheduling import do_schedule
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamMutation
from storefront_api.livestream.mutations.common import livestream_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamSchedule(LivestreamMutation):
    """OCOP: the host publishes a draft (draft → scheduled): it needs a stream URL, a future
    start and at least one seller that agreed. Programme sessions stay hidden until approved."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str, **_: Any) -> LivestreamSchedule:
        user = require_user(info)
        livestream = do_schedule(user, livestream_pk(id))
        return cls.success(livestream=reload_for_payload(info, livestream.pk))
