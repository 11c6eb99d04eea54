from __future__ import annotations

import graphene

from storefront_api.livestream.enums import LivestreamStatusEnum


class LivestreamFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(LivestreamStatusEnum))
    seller = graphene.String(description="A stall's slug: sessions it takes part in.")
    province = graphene.String(
        description='Province code, e.g. "11": its programmes and its sellers\' sessions.'
    )
    upcoming = graphene.Boolean(description="Scheduled, not over yet.")
    live_now = graphene.Boolean(description="Live right now.")
    past = graphene.Boolean(
        description="Ended (newest first when alone). upcoming/liveNow/past combine with OR."
    )
