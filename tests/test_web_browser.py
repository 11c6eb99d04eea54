"""The storefront in a real Chromium, at the phone and laptop widths it is designed for."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.helpers.browser import LAPTOP, PHONE

SERIOUS = ("serious", "critical")

# The live server reads committed rows; the flush after each test also empties what the
# migrations wrote (the default channel), which serialized_rollback puts back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Vietnamese shopper's browser: it asks for Vietnamese (Accept-Language: vi-VN)."""
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_it_shows_the_home_page_in_vietnamese_with_no_serious_axe_violation(
    live_server: Any, demo_catalog: None, page: Page, viewport: dict[str, int]
) -> None:
    # given the demo catalogue served, and a browser at the viewport's width
    page.set_viewport_size(viewport)
    # when the home page is opened
    response = page.goto(live_server.url + "/")
    # then it answers in Vietnamese with one main heading, and axe finds nothing serious
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").count() == 1
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in SERIOUS] == []


def test_it_searches_without_accents_using_only_the_keyboard(
    live_server: Any, demo_catalog: None, page: Page
) -> None:
    # given the home page on a phone
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    # when a shopper tabs to the search box, types "mat ong" (no accents) and presses Enter
    search = page.get_by_role("searchbox")
    for _ in range(10):
        page.keyboard.press("Tab")
        if search.evaluate("element => element === document.activeElement"):
            break
    assert search.evaluate("element => element === document.activeElement")
    page.keyboard.type("mat ong")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the search page lists honey products ("Mật ong")
    assert page.url == live_server.url + "/search/?q=mat+ong"
    results = page.get_by_role("main").locator("a", has_text="Mật ong")
    assert results.count() > 0


def _new_pages() -> list[str]:
    """A stall, a collection visible now and a product page of the demo catalogue."""
    from catalog.models import Collection
    from sellers.models import Seller

    stall = Seller.objects.get(stall_name="Đặc sản Mường Phăng")
    chosen = Collection.objects.visible_to().filter(is_featured=True).order_by("pk").first()
    assert chosen is not None
    return [
        f"/gian-hang/{stall.slug}/",
        f"/bo-suu-tap/{chosen.slug}/",
        "/p/mat-ong-hoa-ban-dien-bien/",
        "/search/?kind=HTX",
    ]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_it_shows_the_stall_collection_and_product_pages_with_no_serious_axe_violation(
    live_server: Any, demo_catalog: None, page: Page, viewport: dict[str, int]
) -> None:
    # given the demo catalogue served, and a browser at the viewport's width
    page.set_viewport_size(viewport)
    found = {}
    for path in _new_pages():
        # when each new page is opened
        response = page.goto(live_server.url + path)
        assert response is not None
        violations = Axe().run(page).response["violations"]
        found[path] = (
            response.status,
            page.locator("h1").count(),
            [v["id"] for v in violations if v["impact"] in SERIOUS],
        )
    # then each answers with one main heading and axe finds nothing serious
    assert found == {path: (200, 1, []) for path in _new_pages()}
