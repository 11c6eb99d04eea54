from __future__ import annotations

from django.urls import path

from web.checkout import address_views, views

urlpatterns = [
    path("thanh-toan/", views.checkout_page, name="checkout"),
    path("thanh-toan/phuong-xa/", views.ward_options, name="wards"),
    path("thanh-toan/the/<str:token>/", views.checkout_pay, name="checkout_pay"),
    path("thanh-toan/xac-nhan/<str:token>/", views.checkout_done, name="checkout_done"),
    path("don-hang/<str:token>/", views.order_page, name="order"),
    path("tai-khoan/dia-chi/", address_views.address_book, name="addresses"),
    path("tai-khoan/dia-chi/<int:pk>/sua/", address_views.address_edit, name="address_edit"),
    path("tai-khoan/dia-chi/<int:pk>/xoa/", address_views.address_delete, name="address_delete"),
    path(
        "tai-khoan/dia-chi/<int:pk>/mac-dinh/",
        address_views.address_default,
        name="address_default",
    ),
]
