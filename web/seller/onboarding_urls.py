"""The seller centre's front door and its onboarding wizard (included by web/urls.py with no
namespace of its own: names are `web:<name>`)."""

from __future__ import annotations

from django.urls import path

from web.seller import onboarding

urlpatterns = [
    path("kenh-nguoi-ban/", onboarding.seller_home, name="seller_home"),
    path(
        "kenh-nguoi-ban/dang-ky/<int:step>/",
        onboarding.onboarding_step,
        name="seller_onboarding",
    ),
]
