"""The product page: live price and countdown, delivery fees, certificate check, the
producer's card, OpenGraph and JSON-LD, constant queries; and the site-wide 404."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import Product
from sellers.models import Seller
from tests import factories
from tests.helpers.html_checks import read_page
from tests.helpers.web_listings import json_ld_blocks, meta_properties

_PNG = factories.image_bytes()


def _media_on_disk(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def test_it_describes_the_product_in_json_ld_with_offer_rating_and_breadcrumbs(
    db: Any, settings: Any
) -> None:
    # given a rated product with an image and a "</script>" in its description
    _media_on_disk(settings)
    product = factories.product(price=150_000, image=_PNG)
    Product.objects.filter(pk=product.pk).update(
        description="Mật ong rừng </script><script>alert(1)</script>",
        rating=4.26,
        rating_count=3,
    )
    # when its page is opened
    html = Client().get(f"/p/{product.slug}/").content.decode()
    # then the JSON-LD parses, names the Product, its Offer and rating exactly, and the
    # description cannot close the script element
    data, crumbs = json_ld_blocks(html)
    url = f"http://testserver/p/{product.slug}/"
    image = data.pop("image")
    assert data == {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": "Mật ong rừng </script><script>alert(1)</script>",
        "url": url,
        "brand": {"@type": "Brand", "name": product.seller.stall_name},
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": "150000",
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock",
            "seller": {
                "@type": "Organization",
                "name": product.seller.stall_name,
                "url": f"http://testserver/gian-hang/{product.seller.slug}/",
            },
        },
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": 4.3,
            "reviewCount": 3,
            "bestRating": 5,
            "worstRating": 1,
        },
    }
    assert len(image) == 1 and image[0].startswith("http://testserver/media/")
    assert "<script>alert(1)" not in html
    assert crumbs["@type"] == "BreadcrumbList"
    assert [c["name"] for c in crumbs["itemListElement"]] == ["Trang chủ", product.name]
    assert crumbs["itemListElement"][-1]["item"] == url


def test_it_leaves_out_the_rating_until_someone_rated_and_says_out_of_stock(db: Any) -> None:
    # given an unrated product out of stock
    product = factories.product(stock=0)
    # when its page is opened
    html = Client().get(f"/p/{product.slug}/").content.decode()
    # then its JSON-LD has no AggregateRating and says the offer is out of stock
    data = json_ld_blocks(html)[0]
    assert "aggregateRating" not in data
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_it_gives_open_graph_tags_for_sharing(db: Any, settings: Any) -> None:
    # given a product with an image
    _media_on_disk(settings)
    product = factories.product(image=_PNG)
    Product.objects.filter(pk=product.pk).update(description="Mật ong hoa ban trắng.")
    # when its page is opened, with a tracking parameter
    html = Client().get(f"/p/{product.slug}/", {"utm_source": "zalo"}).content.decode()
    # then the OpenGraph tags name it, with an absolute image and the canonical address
    tags = meta_properties(html)
    image = tags.pop("og:image")
    assert tags == {
        "og:type": "product",
        "og:title": product.name,
        "og:description": "Mật ong hoa ban trắng.",
        "og:url": f"http://testserver/p/{product.slug}/",
        "og:locale": "vi_VN",
        "og:site_name": "Chợ OCOP",
    }
    assert re.fullmatch(r"http://testserver/media/\S+\.png", image)
    assert f'<link rel="canonical" href="http://testserver/p/{product.slug}/">' in html


def test_it_shows_the_live_price_and_its_countdown_while_a_live_offer_runs(db: Any) -> None:
    # given a product at 120.000 ₫ on offer at 90.000 ₫ in a session live for 30 more minutes
    product = factories.product(price=120_000)
    session = factories.livestream(
        sellers=(product.seller,),
        status="live",
        starts_in=datetime.timedelta(minutes=-30),
        duration=datetime.timedelta(hours=1),
    )
    factories.live_offer(session, product, live_price=90_000)
    # when its page is opened
    response = Client().get(f"/p/{product.slug}/")
    html = response.content.decode()
    # then the live price shows with the regular one struck, and the end time as a <time>
    # that a nonce'd script counts down
    assert '<p class="price price-large">90.000 ₫ <s class="muted">120.000 ₫</s></p>' in html
    ends = session.ends_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert f'datetime="{ends.isoformat()}"' in html
    assert f">{ends:%H:%M %d/%m/%Y}</time>" in html
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce is not None
    assert f'<script nonce="{nonce.group(1)}">' in html


def test_it_shows_the_regular_price_when_no_live_offer_runs(db: Any) -> None:
    # given a product whose offer belongs to a session that has not started
    product = factories.product(price=120_000)
    session = factories.livestream(sellers=(product.seller,), status="scheduled")
    factories.live_offer(session, product, live_price=90_000)
    # when its page is opened
    html = Client().get(f"/p/{product.slug}/").content.decode()
    # then the regular price shows, no live price nor countdown, and the session is upcoming
    assert '<p class="price price-large">120.000 ₫</p>' in html
    assert "90.000 ₫" not in html
    assert "countdown" not in html and "<script nonce" not in html
    assert f"<strong>{session.title}</strong>" in html


def test_it_lists_the_sellers_delivery_methods_and_fees_for_one_item(db: Any) -> None:
    # given a seller with a flat method, a free one above 100.000 ₫, and an inactive one
    product = factories.product(price=120_000)
    factories.shipping_method(product.seller, name="Giao tiêu chuẩn", price=30_000)
    factories.shipping_method(
        product.seller, name="Giao tiết kiệm", price=20_000, free_above=100_000, is_default=False
    )
    hidden = factories.shipping_method(product.seller, name="Ngừng", price=1, is_default=False)
    hidden.is_active = False
    hidden.save()
    # when its page is opened
    html = Client().get(f"/p/{product.slug}/").content.decode()
    # then the active methods are priced for one item, cheapest first
    items = re.findall(r"<li><span>(.*?)</span> <strong class=\"price\">(.*?)</strong>", html)
    assert items == [("Giao tiết kiệm", "Miễn phí"), ("Giao tiêu chuẩn", "30.000 ₫")]
    assert "Ngừng" not in html


def test_it_links_the_producer_to_its_stall_with_other_products_and_the_certificate(
    db: Any,
) -> None:
    # given a producer with six products
    stall = factories.seller()
    made = [factories.product(owner=stall) for _ in range(6)]
    Product.objects.filter(pk=made[5].pk).update(popularity=50)
    # when the first product's page is opened
    html = Client().get(f"/p/{made[0].slug}/").content.decode()
    # then the producer's card links to the stall and shows four other products, the most
    # popular first; the OCOP panel has its status and how to check the decision
    producer = html[html.index('id="producer-heading"') :]
    links = read_page(producer).product_links
    assert f'href="/gian-hang/{stall.slug}/"' in producer
    assert len(links) == 4 and links[0] == f"/p/{made[5].slug}/"
    assert f"/p/{made[0].slug}/" not in links
    assert '<dt>Trạng thái</dt><dd class="stock-in">Còn hiệu lực</dd>' in html
    assert (
        f"Để kiểm tra, hãy hỏi UBND tỉnh Điện Biên về quyết định số "
        f"{made[0].certificates.get().decision_number}."
    ) in html


def _product_queries(client: Client, slug: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/p/{slug}/")
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_it_issues_the_same_number_of_queries_however_much_the_product_page_shows(
    db: Any, settings: Any
) -> None:
    # given a small product (one variant, one image, one other product in its stall, one
    # delivery method) and a large one (five variants, six more products, three methods)
    _media_on_disk(settings)
    small = factories.product(image=_PNG)
    factories.product(owner=small.seller, image=_PNG)
    factories.shipping_method(small.seller)
    stall = factories.seller()
    large = factories.product(owner=stall, variants=5, image=_PNG)
    for _ in range(6):
        factories.product(owner=stall, variants=2, image=_PNG)
    for n in range(3):
        factories.shipping_method(stall, name=f"Cách {n}", is_default=n == 0)
    client = Client()
    # when each page is opened
    counts = [_product_queries(client, p.slug) for p in (small, large)]
    # then both cost the same number of SQL queries
    assert counts[0] == counts[1]


def test_it_answers_an_unknown_address_with_the_storefront_404_page_in_vietnamese(
    db: Any,
) -> None:
    # given a visitor, and another who chose English
    client, english = Client(), Client()
    english.post("/i18n/setlang/", {"language": "en", "next": "/"})
    # when each opens an address the site does not have
    response = client.get("/khong-co-trang-nay/")
    in_english = english.get("/no/such/page")
    # then each gets the helpful 404 page in their language
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert read_page(response.content.decode()).h1 == ["Không tìm thấy trang"]
    assert read_page(response.content.decode()).lang == "vi"
    assert in_english.status_code == 404
    assert read_page(in_english.content.decode()).h1 == ["Page not found"]


def test_it_keeps_json_404_answers_under_the_api(db: Any) -> None:
    # given the API's paths
    client = Client()
    # when an address under them does not exist
    response = client.get("/graphql/no-such-thing/")
    # then the answer is JSON, not the storefront's page
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": [{"message": "Not found."}]}


def test_it_answers_404_for_a_suspended_sellers_product_page(db: Any) -> None:
    # given a product whose seller was suspended
    product = factories.product()
    Seller.objects.filter(pk=product.seller_id).update(is_active=False)
    # when its page is opened
    response = Client().get(f"/p/{product.slug}/")
    # then it is the "not on sale" 404 page, without a price
    assert response.status_code == 404
    assert "₫" not in response.content.decode()
