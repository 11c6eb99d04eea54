"""The web listing's cost and filters, over products made by the factories."""

from __future__ import annotations

from typing import Any

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


def test_it_pages_the_listing_by_page_number(db: Any) -> None:
    # given three products
    made = [factories.product() for _ in range(3)]
    # when the second page of two a page is asked for, newest first
    response = Client().get("/search/", {"per_page": "2", "page": "2", "sort": "newest"})
    html = response.content.decode()
    # then it holds the oldest product and links back to the first page
    assert read_page(html).product_links == [f"/p/{made[0].slug}/"]
    assert 'href="/search/?per_page=2&amp;page=1&amp;sort=newest" rel="prev"' in html
    assert "Trang 2 / 2" in html


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
