from __future__ import annotations

from django.urls import path

from web.officer import audit, collections, dashboard, queues

urlpatterns = [
    path("can-bo/", queues.officer_home, name="officer_home"),
    path("can-bo/ho-so/<int:pk>/", queues.officer_application, name="officer_application"),
    path("can-bo/giay-to/<int:pk>/", queues.officer_document, name="officer_document"),
    path("can-bo/chung-nhan/<int:pk>/", queues.officer_certificate, name="officer_certificate"),
    path(
        "can-bo/chung-nhan/<int:pk>/ban-scan/",
        queues.officer_certificate_scan,
        name="officer_certificate_scan",
    ),
    path("can-bo/nhat-ky/", audit.officer_audit, name="officer_audit"),
    # Featured collections (web/officer/collections.py)
    path("can-bo/bo-suu-tap/", collections.officer_collections, name="officer_collections"),
    path(
        "can-bo/bo-suu-tap/moi/",
        collections.officer_collection_new,
        name="officer_collection_new",
    ),
    path(
        "can-bo/bo-suu-tap/<int:pk>/",
        collections.officer_collection,
        name="officer_collection",
    ),
    path(
        "can-bo/bo-suu-tap/<int:pk>/san-pham/",
        collections.officer_collection_products,
        name="officer_collection_products",
    ),
    path(
        "can-bo/bo-suu-tap/<int:pk>/tim/",
        collections.officer_collection_picker,
        name="officer_collection_picker",
    ),
    path(
        "can-bo/bo-suu-tap/<int:pk>/xem-truoc/",
        collections.officer_collection_preview,
        name="officer_collection_preview",
    ),
    # The programme dashboard and its exports.
    path("can-bo/so-lieu/", dashboard.officer_dashboard, name="officer_dashboard"),
    path(
        "can-bo/so-lieu/so-lieu.csv",
        dashboard.officer_dashboard_csv,
        name="officer_dashboard_csv",
    ),
    path(
        "can-bo/so-lieu/so-lieu.xlsx",
        dashboard.officer_dashboard_xlsx,
        name="officer_dashboard_xlsx",
    ),
]
