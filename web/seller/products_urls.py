from __future__ import annotations

from django.urls import path

from web import product_page
from web.seller import products

urlpatterns = [
    path("kenh-nguoi-ban/san-pham/", products.product_list, name="seller_products"),
    path("kenh-nguoi-ban/san-pham/moi/", products.product_new, name="seller_product_new"),
    path("kenh-nguoi-ban/san-pham/<int:pk>/", products.product_edit, name="seller_product_edit"),
    path(
        "kenh-nguoi-ban/bien-the/<int:pk>/gia-ton-kho/",
        products.quick_edit,
        name="seller_variant_quick_edit",
    ),
    # A product story's photo (catalog.story.PHOTO_PATH), public like the story itself.
    path("anh-cau-chuyen/<int:pk>/", product_page.story_photo, name="story_photo"),
]
