from __future__ import annotations

from typing import Any

import graphene

from livestream.scheduling import do_cancel
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamMutation
from storefront_api.livestream.mutations.common import livestream_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamCancel(LivestreamMutation):
    """OCOP: the host (or, for a programme, an officer who may approve it) cancels a draft or
    scheduled session; pending reminders are cancelled with it."""

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String()

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, reason: str | None = None, **_: Any
    ) -> LivestreamCancel:
        user = require_user(info)
        livestream = do_cancel(user, livestream_pk(id), reason or "")
        return cls.success(livestream=reload_for_payload(info, livestream.pk))
