"""The cart's promo-code field in a real Chromium, with the keyboard alone: the demo's
OCOP10 typed in lower case and applied in place (htmx), a wrong code refused next to the
field; axe at 360 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import PHONE, serious_violations

HONEY = "mat-ong-hoa-ban-dien-bien"  # Điện Biên, 265.000 ₫: OCOP10 applies from 200.000 ₫

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _tab_to(page: Page, selector: str, limit: int = 120) -> None:
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_it_applies_the_demo_voucher_with_the_keyboard(
    live_server: Any, demo_catalog: None, page: Page
) -> None:
    # given a shopper on a phone with Điện Biên's honey in the cart
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/p/{HONEY}/")
    page.locator("#buy-add").click()
    expect(page.locator("#cart-link .cart-count")).to_have_text("1")
    page.goto(f"{live_server.url}/gio-hang/")
    # when they type a wrong code with the keyboard and press Enter
    _tab_to(page, "#promo-code")
    page.keyboard.type("saima")
    page.keyboard.press("Enter")
    # then the error shows next to the field and in the summary, in place
    expect(page.locator("#promo-code-error")).to_have_text("Mã khuyến mãi không hợp lệ.")
    expect(page.locator(".error-summary")).to_contain_text("Mã khuyến mãi không hợp lệ.")
    assert serious_violations(page) == []
    # and when they type the demo's voucher instead
    page.locator("#promo-code").fill("")
    _tab_to(page, "#promo-code")
    page.keyboard.type("ocop10")
    page.keyboard.press("Enter")
    # then the totals take 10 % of the honey off, named after the voucher
    totals = page.locator(".cart-total")
    expect(totals).to_contain_text("Mã giảm giá: Giảm 10% đặc sản Điện Biên")
    expect(totals).to_contain_text("−26.500 ₫")
    expect(page.locator(".cart-promo-applied")).to_contain_text("OCOP10")
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    assert serious_violations(page) == []
