"""Base classes of the livestream mutations: payload shape and error type per domain."""

from __future__ import annotations

import graphene

from storefront_api.core.mutation import BaseMutation
from storefront_api.livestream.errors import (
    LiveOfferError,
    LivestreamError,
    LivestreamReminderError,
)
from storefront_api.livestream.types import LiveOffer, Livestream


class LivestreamMutation(BaseMutation):
    livestream = graphene.Field(Livestream)
    errors = graphene.List(graphene.NonNull(LivestreamError), required=True)

    error_type = LivestreamError

    class Meta:
        abstract = True


class LiveOfferMutation(BaseMutation):
    live_offer = graphene.Field(LiveOffer)
    livestream = graphene.Field(Livestream)
    errors = graphene.List(graphene.NonNull(LiveOfferError), required=True)

    error_type = LiveOfferError

    class Meta:
        abstract = True


class LivestreamReminderMutation(BaseMutation):
    livestream = graphene.Field(Livestream)
    errors = graphene.List(graphene.NonNull(LivestreamReminderError), required=True)

    error_type = LivestreamReminderError

    class Meta:
        abstract = True
