"""The live transport's addresses (issue 13): the event stream and the polling fallback,
and the comment actions. The watch page itself is `web.live.watch_urls`."""

from __future__ import annotations

from django.urls import path

from web.live import comments_views, events_views

urlpatterns = [
    path("live/<slug:slug>/su-kien/", events_views.events, name="live_events"),
    path("live/<slug:slug>/trang-thai/", events_views.state, name="live_state"),
    path("live/<slug:slug>/binh-luan/", comments_views.post_comment, name="live_comment_post"),
    path(
        "live/<slug:slug>/binh-luan/<int:comment_id>/an/",
        comments_views.hide_comment,
        name="live_comment_hide",
    ),
    path(
        "live/<slug:slug>/nguoi-xem/<int:user_id>/tat-tieng/",
        comments_views.mute_user,
        name="live_comment_mute",
    ),
]
