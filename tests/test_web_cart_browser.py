"""The cart in a real Chromium at 360 px, used with the keyboard alone: adding products of
two sellers from their pages (htmx, the header's count swapped in place), the cart's two
seller groups, a quantity changed in place, a delivery chosen; axe on the product's buy box
and on the cart page."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from tests.helpers.browser import PHONE

SERIOUS = ("serious", "critical")
HONEY = "mat-ong-hoa-ban-dien-bien"  # Đặc sản Mường Phăng, Điện Biên
LYCHEE_HONEY = "mat-ong-hoa-vai-luc-ngan"  # another seller, Bắc Ninh

# The live server reads committed rows; the flush after each test also empties what the
# migrations wrote (the default channel), which serialized_rollback puts back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Vietnamese shopper's browser: it asks for Vietnamese (Accept-Language: vi-VN)."""
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _tab_to(page: Page, target: Locator, limit: int = 80) -> None:
    """Press Tab until `target` has the focus (as a keyboard user reaches it)."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def _serious(page: Page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in SERIOUS]


def _add_with_the_keyboard(page: Page, url: str, count: str) -> None:
    page.goto(url)
    quantity = page.get_by_label("Số lượng")
    _tab_to(page, quantity)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Đã thêm 1 ×")).to_be_visible()
    expect(page.locator("#cart-link .cart-count")).to_have_text(count)


def test_it_adds_two_sellers_products_and_shows_two_groups_using_only_the_keyboard(
    live_server: Any, demo_catalog: None, page: Page
) -> None:
    # given a shopper on a phone, on the Điện Biên honey's page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/p/{HONEY}/")
    # then its buy box has nothing serious for axe
    assert _serious(page) == []
    # when they add it, then a honey of another seller, with the keyboard alone
    _add_with_the_keyboard(page, f"{live_server.url}/p/{HONEY}/", "1")
    _add_with_the_keyboard(page, f"{live_server.url}/p/{LYCHEE_HONEY}/", "2")
    # and open the cart from the header's link
    page.goto(f"{live_server.url}/")
    _tab_to(page, page.locator("#cart-link"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the cart shows the two sellers' groups, each with its subtotal
    assert page.url == f"{live_server.url}/gio-hang/"
    groups = page.locator(".cart-group")
    expect(groups).to_have_count(2)
    provinces = [text.split(" · ")[-1] for text in groups.locator("h2").all_inner_texts()]
    assert sorted(provinces) == ["Bắc Ninh", "Điện Biên"]
    assert groups.locator(".cart-sums dt", has_text="Tạm tính").count() == 2
    # when they set the first line to 2 and press Enter
    quantity = groups.first.get_by_label("Số lượng")
    _tab_to(page, quantity)
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    # then the cart is updated in place, and the header counts 3
    expect(page.locator(".cart-done")).to_have_text("Đã cập nhật số lượng.")
    expect(page.locator("#cart-link .cart-count")).to_have_text("3")
    # when they move the first seller's delivery from the suggested one to the next with the
    # keyboard (Tab reaches the checked radio; an arrow key chooses the next)
    radio = groups.first.locator('input[type="radio"]:checked')
    _tab_to(page, radio)
    page.keyboard.press("ArrowDown")
    # then it is saved in place and priced
    expect(page.locator(".cart-done")).to_have_text("Đã lưu cách giao hàng.")
    expect(page.locator(".cart-group").first.locator('input[type="radio"]').nth(1)).to_be_checked()
    # and axe finds nothing serious on the cart page
    assert _serious(page) == []
