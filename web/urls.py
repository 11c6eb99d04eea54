from __future__ import annotations

from django.urls import include, path

from web import product_page, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("tinh/<slug:slug>/", views.province, name="province"),
    path("p/<slug:slug>/", product_page.product, name="product"),
    path("gian-hang/<slug:slug>/", views.seller, name="seller"),
    path("bo-suu-tap/<slug:slug>/", views.collection, name="collection"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("", include("web.checkout.urls")),
    path("", include("web.cart.urls")),
    path("", include("web.account.urls")),
    path("", include("web.reviews.urls")),
    path("", include("web.officer.urls")),
    path("", include("web.seller.products_urls")),
    path("", include("web.seller.orders_urls")),
    path("", include("web.seller.onboarding_urls")),
    path("", include("web.seller.more_urls")),
    path("", include("web.officer.assisted_urls")),
    path("", include("web.live.watch_urls")),
    path("", include("web.host.urls")),
    path("", include("web.account.deletion")),
    path("", include("web.seller.product_english_urls")),
    path("", include("web.live.urls")),
    path("", include("web.seller.vouchers_urls")),
    path("", include("web.officer.vouchers_urls")),
]
