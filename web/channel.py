"""The channel the web storefront sells in."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404

from catalog.models import Channel


def storefront_channel() -> Channel:
    """The default channel (as the API answers without `channel`), or the only active one."""
    channel = Channel.objects.filter(slug=settings.DEFAULT_CHANNEL_SLUG, is_active=True).first()
    if channel is None:
        channel = Channel.objects.filter(is_active=True).order_by("pk").first()
    if channel is None:
        raise Http404("no active channel")
    return channel
