from __future__ import annotations

from django.urls import path

from web.reviews import views

urlpatterns = [
    path("tai-khoan/danh-gia/", views.my_reviews, name="my_reviews"),
    path("p/<slug:slug>/danh-gia/", views.product_reviews, name="product_reviews"),
    path("danh-gia/<int:pk>/tra-loi/", views.reply, name="review_reply"),
    path("danh-gia/<int:pk>/an/", views.hide, name="review_hide"),
]
