"""The live transport's addresses (issue 13): the event stream and the polling fallback,
and the comment actions. The watch page itself is `web.live.watch_urls`."""

from __future__ import annotations

from django.urls import path

from web.live import events_views

urlpatterns = [
    path("live/<slug:slug>/su-kien/", events_views.events, name="live-events"),
    path("live/<slug:slug>/trang-thai/", events_views.state, name="live-state"),
]
