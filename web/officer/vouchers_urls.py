"""Vouchers in the officer console (included by web/urls.py with no namespace of its own:
names are `web:<name>`)."""

from __future__ import annotations

from django.urls import path

from web.officer import vouchers

urlpatterns = [
    path("can-bo/ma-giam-gia/", vouchers.officer_vouchers, name="officer_vouchers"),
    path("can-bo/ma-giam-gia/moi/", vouchers.officer_voucher_new, name="officer_voucher_new"),
    path("can-bo/ma-giam-gia/<int:voucher_id>/", vouchers.officer_voucher, name="officer_voucher"),
    path(
        "can-bo/ma-giam-gia/<int:voucher_id>/ket-thuc/",
        vouchers.officer_voucher_end,
        name="officer_voucher_end",
    ),
]
