"""The seller centre's orders inbox and money page (included by web/urls.py with no
namespace of its own: names are `web:<name>`)."""

from __future__ import annotations

from django.urls import path

from web.seller import money, orders

urlpatterns = [
    path("kenh-nguoi-ban/don-hang/", orders.inbox, name="seller_orders"),
    path("kenh-nguoi-ban/don-hang/<uuid:order_id>/", orders.detail, name="seller_order"),
    path(
        "kenh-nguoi-ban/don-hang/<uuid:order_id>/xac-nhan/",
        orders.confirm,
        name="seller_order_confirm",
    ),
    path(
        "kenh-nguoi-ban/don-hang/<uuid:order_id>/giao-hang/",
        orders.fulfill,
        name="seller_order_fulfill",
    ),
    path(
        "kenh-nguoi-ban/don-hang/<uuid:order_id>/da-giao/",
        orders.mark_delivered,
        name="seller_order_delivered",
    ),
    path("kenh-nguoi-ban/don-hang/<uuid:order_id>/huy/", orders.cancel, name="seller_order_cancel"),
    path("kenh-nguoi-ban/tien/", money.money, name="seller_money"),
    path(
        "kenh-nguoi-ban/tien/sao-ke/<str:month>.csv",
        money.statement_csv,
        name="seller_statement_csv",
    ),
    path(
        "kenh-nguoi-ban/tien/sao-ke/<str:month>.xlsx",
        money.statement_xlsx,
        name="seller_statement_xlsx",
    ),
]
