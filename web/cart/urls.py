from __future__ import annotations

from django.urls import path

from web.cart import views

# Included by web/urls.py without a namespace of its own: the names are `web:<name>`.
urlpatterns = [
    path("gio-hang/", views.cart, name="cart"),
    path("gio-hang/them/", views.add, name="cart_add"),
    path("gio-hang/dong/<uuid:line_id>/", views.line, name="cart_line"),
    path("gio-hang/dong/<uuid:line_id>/xoa/", views.remove, name="cart_remove"),
    path("gio-hang/giao-hang/", views.delivery, name="cart_delivery"),
    path("gio-hang/ma-giam-gia/", views.promo, name="cart_promo"),
    path("gio-hang/ma-giam-gia/xoa/", views.promo_remove, name="cart_promo_remove"),
]
