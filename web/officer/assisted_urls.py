"""The pages of assisted onboarding: the officer's (`/can-bo/ho-tro/…`) and the stall's own
record of what officers did on its behalf (`/kenh-nguoi-ban/nhat-ky/`)."""

from __future__ import annotations

from django.urls import path

from web.officer import assisted
from web.seller import activity

urlpatterns = [
    path("can-bo/ho-tro/", assisted.officer_assisted, name="officer_assisted"),
    path("can-bo/ho-tro/moi/", assisted.officer_assisted_new, name="officer_assisted_new"),
    path("can-bo/ho-tro/<int:pk>/", assisted.officer_assisted_stall, name="officer_assisted_stall"),
    path(
        "can-bo/ho-tro/<int:pk>/san-pham/moi/",
        assisted.officer_assisted_product_new,
        name="officer_assisted_product_new",
    ),
    path(
        "can-bo/ho-tro/<int:pk>/san-pham/<int:product_pk>/",
        assisted.officer_assisted_product,
        name="officer_assisted_product",
    ),
    path(
        "can-bo/ho-tro/<int:pk>/giay-to/",
        assisted.officer_assisted_document,
        name="officer_assisted_document",
    ),
    path(
        "can-bo/ho-tro/<int:pk>/the-kich-hoat/",
        assisted.officer_assisted_card,
        name="officer_assisted_card",
    ),
    path("kenh-nguoi-ban/nhat-ky/", activity.seller_activity, name="seller_activity"),
]
