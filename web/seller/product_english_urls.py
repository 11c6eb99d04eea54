from __future__ import annotations

from django.urls import path

from web.seller import product_english

urlpatterns = [
    path(
        "kenh-nguoi-ban/san-pham/<int:pk>/tieng-anh/",
        product_english.product_english,
        name="seller_product_english",
    ),
]
