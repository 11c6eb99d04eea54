from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from catalog.banner_thumbnails import banner_thumbnail_view
from catalog.thumbnails import thumbnail_view
from livestream.views import livestreams_ics, seller_livestreams_ics
from marketplace.views import healthz
from payments.views import stripe_webhook
from storefront_api.views import graphql_view

admin.site.site_header = "OCOP Marketplace"
admin.site.site_title = "OCOP Marketplace"

urlpatterns = [
    path("graphql/", graphql_view, name="graphql"),
    path("healthz", healthz, name="healthz"),
    path("webhooks/stripe/", stripe_webhook, name="stripe-webhook"),
    path("admin/", admin.site.urls),
    path("thumbnail/<int:media_id>/<int:size>/<str:fmt>/", thumbnail_view, name="thumbnail"),
    path(
        "thumbnail/banner/<str:kind>/<int:pk>/<int:size>/<str:fmt>/",
        banner_thumbnail_view,
        name="banner-thumbnail",
    ),
    path("livestreams.ics", livestreams_ics, name="livestreams-ics"),
    path(
        "sellers/<slug:slug>/livestreams.ics", seller_livestreams_ics, name="seller-livestreams-ics"
    ),
    # Django's set_language (POST, works without JavaScript): the storefront's language switch.
    path("i18n/", include("django.conf.urls.i18n")),
]

if not settings.AWS_STORAGE_BUCKET_NAME:
    # Local media (embedded mode). With S3 the storage backend hands out URLs itself.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# The web storefront last: its `/` and slug pages never shadow a route above.
urlpatterns.append(path("", include("web.urls")))

# Unknown addresses: the storefront's page in the visitor's language (JSON under the API).
handler404 = "web.views.page_not_found"
