"""The livestream hosts' console (`/kenh-live/`), included by web/urls.py with no namespace
of its own: names are `web:<name>`."""

from __future__ import annotations

from django.urls import path

from web.host import console, report, sessions

urlpatterns = [
    path("kenh-live/", sessions.home, name="host_home"),
    path("kenh-live/moi/", sessions.session_new, name="host_session_new"),
    path("kenh-live/<int:pk>/", console.console, name="host_session"),
    path("kenh-live/<int:pk>/sua/", sessions.session_edit, name="host_session_edit"),
    path("kenh-live/<int:pk>/len-lich/", sessions.schedule, name="host_session_schedule"),
    path("kenh-live/<int:pk>/bat-dau/", sessions.start, name="host_session_start"),
    path("kenh-live/<int:pk>/ket-thuc/", sessions.end, name="host_session_end"),
    path("kenh-live/<int:pk>/moi-nha-san-xuat/", console.invite, name="host_session_invite"),
    path("kenh-live/<int:pk>/uu-dai/", console.add_offer, name="host_offer_add"),
    path("kenh-live/<int:pk>/ghim/", console.pin, name="host_offer_pin"),
    path("kenh-live/<int:pk>/flash-sale/", console.flash, name="host_flash_launch"),
    path("kenh-live/<int:pk>/bang-so-lieu/", console.dashboard, name="host_dashboard"),
    path("kenh-live/<int:pk>/bao-cao/", report.report_page, name="host_report"),
    path("kenh-live/<int:pk>/bao-cao.csv", report.report_csv, name="host_report_csv"),
]
