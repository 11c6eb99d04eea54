"""The web listing's cost and filters, over products made by the factories."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.helpers.html_checks import read_page

_PNG = factories.image_bytes()


def _count_queries(client: Client, per_page: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"per_page": per_page})
    assert response.status_code == 200
    assert len(read_page(response.content.decode()).product_links) == per_page
    return len(captured.captured_queries)


def test_it_issues_the_same_number_of_queries_for_1_and_30_products(db: Any, settings: Any) -> None:
    # given 30 listable products with images, across several sellers
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    sellers = [factories.seller() for _ in range(3)]
    for i in range(30):
        factories.product(owner=sellers[i % 3], variants=2, image=_PNG)
    client = Client()
    # when the listing shows 1 and then 30 products a page
    one, thirty = _count_queries(client, 1), _count_queries(client, 30)
    # then the number of SQL queries does not grow with the page size
    assert one == thirty


def test_it_filters_by_stars_and_counts_the_results(db: Any) -> None:
    # given a 3★, a 4★ and a 5★ product
    three, four, five = (factories.product(stars=n) for n in (3, 4, 5))
    # when the listing asks for 4★ and 5★
    response = Client().get("/search/", {"stars": ["4", "5"], "sort": "stars"})
    html = response.content.decode()
    # then only those two show, best first, and the count says 2
    assert read_page(html).product_links == [f"/p/{five.slug}/", f"/p/{four.slug}/"]
    assert f"/p/{three.slug}/" not in html
    assert '<p class="result-count">Kết quả: 2</p>' in html


def _link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" rel="{rel}"', html)
    return unescape(found.group(1)) if found else None


def test_it_pages_the_listing_by_signed_cursor_forward_and_back(db: Any) -> None:
    # given five products
    made = [factories.product() for _ in range(5)]
    client = Client()
    # when the first page of two a page is opened, then "next" twice, then "previous"
    first = client.get("/search/", {"per_page": "2", "sort": "newest"}).content.decode()
    second_url = _link(first, "next")
    assert second_url is not None
    second = client.get(second_url).content.decode()
    third_url = _link(second, "next")
    assert third_url is not None
    third = client.get(third_url).content.decode()
    back_url = _link(third, "prev")
    assert back_url is not None
    back = client.get(back_url).content.decode()
    # then each page holds the next products, newest first, the last has no "next", and
    # "previous" from the second page is the first page's address, without a cursor
    assert read_page(first).product_links == [f"/p/{p.slug}/" for p in (made[4], made[3])]
    assert read_page(second).product_links == [f"/p/{p.slug}/" for p in (made[2], made[1])]
    assert read_page(third).product_links == [f"/p/{made[0].slug}/"]
    assert _link(first, "prev") is None and _link(third, "next") is None
    assert read_page(back).product_links == read_page(second).product_links
    assert _link(second, "prev") == "/search/?per_page=2&sort=newest"
    assert "&page=" not in second_url and "cursor=" in second_url
    assert "Đang xem 3–4 trên 5" in second


def test_it_reads_a_tampered_cursor_as_the_first_page(db: Any) -> None:
    # given three products and the cursor of the second page
    made = [factories.product() for _ in range(3)]
    client = Client()
    first = client.get("/search/", {"per_page": "2", "sort": "newest"}).content.decode()
    next_url = _link(first, "next")
    assert next_url is not None
    cursor = parse_qs(urlsplit(next_url).query)["cursor"][0]
    # when the cursor is altered, or is not a cursor at all
    answers = [
        client.get("/search/", {"per_page": "2", "sort": "newest", "cursor": bad})
        for bad in (cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB"), "42", "x" * 500)
    ]
    # then each answers the first page, not an error
    assert [a.status_code for a in answers] == [200, 200, 200]
    expected = [f"/p/{p.slug}/" for p in (made[2], made[1])]
    assert [read_page(a.content.decode()).product_links for a in answers] == [expected] * 3


def test_it_answers_an_htmx_request_with_the_results_fragment(db: Any) -> None:
    # given a product
    product = factories.product()
    # when htmx asks for the listing (a filter changed)
    response = Client().get("/search/", {"in_stock": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    # then only the results fragment comes back, and caches tell it from the page
    assert html.startswith('<p class="result-count">')
    assert "HX-Request" in response["Vary"]
    assert "<html" not in html
    assert read_page(html).product_links == [f"/p/{product.slug}/"]
