from __future__ import annotations

from django.urls import path

from web.officer import audit, dashboard, queues

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
