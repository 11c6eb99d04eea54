"""The seller centre's vouchers (included by web/urls.py with no namespace of its own:
names are `web:<name>`)."""

from __future__ import annotations

from django.urls import path

from web.seller import vouchers

urlpatterns = [
    path("kenh-nguoi-ban/ma-giam-gia/", vouchers.voucher_list, name="seller_vouchers"),
    path("kenh-nguoi-ban/ma-giam-gia/moi/", vouchers.voucher_new, name="seller_voucher_new"),
    path(
        "kenh-nguoi-ban/ma-giam-gia/<int:voucher_id>/",
        vouchers.voucher_detail,
        name="seller_voucher",
    ),
    path(
        "kenh-nguoi-ban/ma-giam-gia/<int:voucher_id>/ket-thuc/",
        vouchers.voucher_end,
        name="seller_voucher_end",
    ),
]
