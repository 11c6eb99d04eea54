"""The watch page and its "Mua ngay" (included by web/urls.py; names are `web:<name>`)."""

from __future__ import annotations

from django.urls import path

from web.live import watch

urlpatterns = [
    path("live/<slug:slug>/", watch.watch, name="live_watch"),
    path("live/<slug:slug>/mua-ngay/<int:offer_id>/", watch.buy_now, name="live_buy_now"),
]
