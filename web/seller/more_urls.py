"""The seller centre's printable order documents, delivery methods and livestream
invitations (included by web/urls.py with no namespace of its own: names are `web:<name>`)."""

from __future__ import annotations

from django.urls import path

from web.seller import delivery, lives, orders, printing

urlpatterns = [
    path(
        "kenh-nguoi-ban/don-hang/<uuid:order_id>/phieu-dong-goi.pdf",
        printing.packing_slip_pdf,
        name="seller_order_packing_slip",
    ),
    path(
        "kenh-nguoi-ban/don-hang/<uuid:order_id>/nhan-van-chuyen.pdf",
        printing.shipping_label_pdf,
        name="seller_order_label",
    ),
    path("kenh-nguoi-ban/don-hang/moi/", orders.new_orders_poll, name="seller_orders_poll"),
    path("kenh-nguoi-ban/van-chuyen/", delivery.method_list, name="seller_delivery"),
    path("kenh-nguoi-ban/van-chuyen/them/", delivery.method_new, name="seller_delivery_new"),
    path(
        "kenh-nguoi-ban/van-chuyen/<int:method_id>/",
        delivery.method_edit,
        name="seller_delivery_edit",
    ),
    path(
        "kenh-nguoi-ban/van-chuyen/<int:method_id>/xoa/",
        delivery.method_delete,
        name="seller_delivery_delete",
    ),
    path("kenh-nguoi-ban/livestream/", lives.invitations, name="seller_lives"),
    path(
        "kenh-nguoi-ban/livestream/<int:livestream_id>/dong-y/",
        lives.agree,
        name="seller_live_agree",
    ),
    path(
        "kenh-nguoi-ban/livestream/<int:livestream_id>/tu-choi/",
        lives.decline,
        name="seller_live_decline",
    ),
]
