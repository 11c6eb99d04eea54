from __future__ import annotations

from django.conf import settings
from graphql import GraphQLError

from catalog.models import Channel


def resolve_channel(slug: str | None) -> Channel:
    """Saleor falls back to the default channel when none is given and only one exists."""
    if slug:
        channel = Channel.objects.filter(slug=slug, is_active=True).first()
        if channel is None:
            raise GraphQLError(f"Channel with '{slug}' slug does not exist.")
        return channel
    channels = list(Channel.objects.filter(is_active=True)[:2])
    if len(channels) == 1:
        return channels[0]
    default = Channel.objects.filter(slug=settings.DEFAULT_CHANNEL_SLUG).first()
    if default is None:
        raise GraphQLError("A default channel does not exist; pass the `channel` argument.")
    return default
