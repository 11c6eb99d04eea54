from __future__ import annotations

from typing import Any

import graphene

from livestream.reminders import do_remind_me
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamReminderMutation
from storefront_api.livestream.mutations.common import livestream_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamRemindMe(LivestreamReminderMutation):
    """OCOP: email me 15 minutes before this session starts (once; follows reschedules)."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str, **_: Any) -> LivestreamRemindMe:
        user = require_user(info)
        pk = livestream_pk(id)
        do_remind_me(user, pk)
        return cls.success(livestream=reload_for_payload(info, pk))
