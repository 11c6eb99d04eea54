"""The seller stall and collection pages, the producer-type filter, and the home page's
collections for the visitor's province."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sellers.models import Seller
from tests import factories
from tests.helpers.html_checks import read_page
from tests.helpers.web_listings import collection, json_ld_blocks, make_kind
from web.places import province_slug

_PNG = factories.image_bytes()


def test_it_shows_a_stall_with_its_producer_card_and_only_its_products(db: Any) -> None:
    # given a rated cooperative with two products, and another stall's product
    stall = factories.seller()
    Seller.objects.filter(pk=stall.pk).update(
        story="Hợp tác xã của đồng bào Thái.", rating=4.56, rating_count=7
    )
    older, newer = factories.product(owner=stall), factories.product(owner=stall)
    elsewhere = factories.product()
    # when its stall page is opened
    response = Client().get(f"/gian-hang/{stall.slug}/")
    html = response.content.decode()
    page = read_page(html)
    # then it shows the producer's card and its own products, newest first
    assert response.status_code == 200
    assert page.h1 == [stall.stall_name]
    assert page.product_links == [f"/p/{newer.slug}/", f"/p/{older.slug}/"]
    assert f"/p/{elsewhere.slug}/" not in html
    assert f'<p class="producer-name"><strong>{stall.legal_name}</strong></p>' in html
    province = stall.province
    province_path = f"/tinh/{province_slug(province)}/"
    assert (
        f'<p class="muted">Hợp tác xã · <a href="{province_path}">{province.name}</a></p>' in html
    )
    assert "4,6/5 · 7 đánh giá" in html
    assert "Hợp tác xã của đồng bào Thái." in html
    assert '<p class="result-count">Kết quả: 2</p>' in html
    # and the producer-type filter is left out (one producer), its breadcrumbs lead home
    assert 'name="kind"' not in html
    crumbs = json_ld_blocks(html)[0]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Trang chủ", "http://testserver/"),
        (2, province.name, f"http://testserver{province_path}"),
        (3, stall.stall_name, f"http://testserver/gian-hang/{stall.slug}/"),
    ]


def test_it_answers_404_for_a_stall_that_is_not_public(db: Any) -> None:
    # given a suspended stall with a product, and a slug nobody has
    suspended = factories.seller()
    factories.product(owner=suspended)
    Seller.objects.filter(pk=suspended.pk).update(is_active=False)
    client = Client()
    # when their stall pages are opened
    answers = [client.get(f"/gian-hang/{suspended.slug}/"), client.get("/gian-hang/khong-co/")]
    # then both are the helpful 404 page, in Vietnamese
    assert [a.status_code for a in answers] == [404, 404]
    assert [read_page(a.content.decode()).h1 for a in answers] == [["Không tìm thấy trang"]] * 2


def test_it_lists_a_collection_in_the_curators_order_and_sorts_it_on_request(db: Any) -> None:
    # given a collection of three products in a chosen order (not by age nor price)
    first = factories.product(price=300_000)
    second = factories.product(price=100_000)
    third = factories.product(price=200_000)
    factories.product()  # not in the collection
    chosen = collection("Quà Tết", [second, third, first])
    client = Client()
    # when its page is opened, then sorted by price, then the second page of two
    curated = client.get(f"/bo-suu-tap/{chosen.slug}/").content.decode()
    by_price = client.get(f"/bo-suu-tap/{chosen.slug}/", {"sort": "price-desc"}).content.decode()
    two = client.get(f"/bo-suu-tap/{chosen.slug}/", {"per_page": "2"}).content.decode()
    # then the curators' order comes first, a sort reorders, and the cursor pages it
    assert read_page(curated).h1 == ["Quà Tết"]
    assert read_page(curated).product_links == [f"/p/{p.slug}/" for p in (second, third, first)]
    assert '<option value="collection" selected>Thứ tự tuyển chọn</option>' in curated
    assert read_page(by_price).product_links == [f"/p/{p.slug}/" for p in (first, third, second)]
    assert read_page(two).product_links == [f"/p/{p.slug}/" for p in (second, third)]
    assert '<p class="muted">Do cán bộ OCOP trung ương tuyển chọn</p>' in curated


def test_it_shows_only_collections_visible_now(db: Any) -> None:
    # given a collection that ended yesterday and one that starts tomorrow
    product = factories.product()
    ended = collection("Hết hạn", [product], ends_in=datetime.timedelta(days=-1))
    coming = collection("Sắp có", [product], starts_in=datetime.timedelta(days=1))
    client = Client()
    # when their pages are opened
    answers = [client.get(f"/bo-suu-tap/{c.slug}/") for c in (ended, coming)]
    # then neither is shown
    assert [a.status_code for a in answers] == [404, 404]


def test_it_filters_a_listing_by_producer_type_with_counts(db: Any) -> None:
    # given a cooperative's product and two households' products
    coop = factories.product()
    homes = [factories.product(owner=make_kind(factories.seller(), "HKD")) for _ in range(2)]
    # when the listing is filtered on households
    html = Client().get("/search/", {"kind": "HKD", "sort": "newest"}).content.decode()
    # then only the households' products show, and the facet still counts each type
    assert read_page(html).product_links == [f"/p/{p.slug}/" for p in reversed(homes)]
    assert f"/p/{coop.slug}/" not in html
    assert '<option value="HKD" selected>Hộ kinh doanh (2)</option>' in html
    assert '<option value="HTX">Hợp tác xã (1)</option>' in html
    # and the other facets count inside the chosen type: two 4★ products, both in stock
    assert 'value="4"> 4 sao <span class="muted">(2)</span></label>' in html
    assert 'value="5"> 5 sao <span class="muted">(0)</span></label>' in html
    assert 'Chỉ hàng còn <span class="muted">(2)</span></label>' in html
    assert '<option value="100000-199999">100.000 ₫ – 200.000 ₫ (2)</option>' in html


def _stall_queries(client: Client, slug: str, per_page: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/gian-hang/{slug}/", {"per_page": per_page})
    assert len(read_page(response.content.decode()).product_links) == per_page
    return len(captured.captured_queries)


def _collection_queries(client: Client, slug: str, per_page: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/bo-suu-tap/{slug}/", {"per_page": per_page})
    assert len(read_page(response.content.decode()).product_links) == per_page
    return len(captured.captured_queries)


def test_it_issues_the_same_number_of_queries_for_small_and_large_pages(
    db: Any, settings: Any
) -> None:
    # given a stall of 12 products with images, all in one collection
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    stall = factories.seller()
    made = [factories.product(owner=stall, variants=2, image=_PNG) for _ in range(12)]
    chosen = collection("Tuyển chọn", made)
    client = Client()
    # when the stall and the collection show 2 and then 12 products a page
    stall_counts = [_stall_queries(client, stall.slug, n) for n in (2, 12)]
    collection_counts = [_collection_queries(client, chosen.slug, n) for n in (2, 12)]
    # then the number of SQL queries does not grow with the page size
    assert stall_counts[0] == stall_counts[1]
    assert collection_counts[0] == collection_counts[1]


def test_it_shows_the_visitors_province_collections_then_the_national_ones(db: Any) -> None:
    # given a national collection, one of Hà Nội (01) and one of Điện Biên (11)
    from_hanoi = factories.product(owner=factories.seller(province_code="01"))
    from_dien_bien = factories.product()
    collection("Cả nước", [from_hanoi, from_dien_bien])
    collection("Đặc sản Hà Nội", [from_hanoi], province_code="01")
    collection("Đặc sản Điện Biên", [from_dien_bien], province_code="11")
    client = Client()
    # when the home page is opened, then Hà Nội chosen, then opened again
    default = client.get("/").content.decode()
    chosen = client.get("/", {"tinh": "01"}).content.decode()
    again = client.get("/").content.decode()
    nationwide = client.get("/", {"tinh": ""}).content.decode()
    # then nationwide shows only the national one; after the choice, Hà Nội's comes first
    # and the session keeps it; choosing nationwide forgets it
    assert '<a href="/bo-suu-tap/ca-nuoc/">Cả nước</a>' in default
    assert "/bo-suu-tap/dac-san-ha-noi/" not in default
    assert "/bo-suu-tap/dac-san-dien-bien/" not in default
    for html in (chosen, again):
        assert html.index("/bo-suu-tap/dac-san-ha-noi/") < html.index("/bo-suu-tap/ca-nuoc/")
        assert "/bo-suu-tap/dac-san-dien-bien/" not in html
        assert f'<option value="01" selected>{from_hanoi.seller.province.name}</option>' in html
    assert "/bo-suu-tap/dac-san-ha-noi/" not in nationwide
