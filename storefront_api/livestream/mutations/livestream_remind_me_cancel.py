from __future__ import annotations

from typing import Any

import graphene

from livestream.reminders import do_cancel_reminder
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamReminderMutation
from storefront_api.livestream.mutations.common import livestream_pk
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamRemindMeCancel(LivestreamReminderMutation):
    """OCOP: no reminder for this session after all."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, **_: Any
    ) -> LivestreamRemindMeCancel:
        user = require_user(info)
        pk = livestream_pk(id)
        do_cancel_reminder(user, pk)
        return cls.success(livestream=reload_for_payload(info, pk))
