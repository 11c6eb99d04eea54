from __future__ import annotations

from typing import Any

import graphene

from livestream.session_edits import do_update_livestream_with_cover
from storefront_api.core.mutation import require_user
from storefront_api.livestream.mutations.base import LivestreamMutation
from storefront_api.livestream.mutations.common import (
    LivestreamUpdateInput,
    livestream_fields,
    livestream_pk,
)
from storefront_api.livestream.resolvers import reload_for_payload


class LivestreamUpdate(LivestreamMutation):
    """OCOP: the host changes a session. A draft or scheduled session changes freely (a
    moved start must be in the future: reminders move with it); a live one only its title,
    description, stream URL and end."""

    class Arguments:
        id = graphene.ID(required=True)
        input = LivestreamUpdateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, input: dict[str, Any], **_: Any
    ) -> LivestreamUpdate:
        user = require_user(info)
        pk = livestream_pk(id)
        do_update_livestream_with_cover(
            user, pk, livestream_fields(input), input.get("cover_image")
        )
        return cls.success(livestream=reload_for_payload(info, pk))
