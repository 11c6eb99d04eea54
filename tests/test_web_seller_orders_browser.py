"""The seller's orders inbox and money page in a real Chromium, with the keyboard alone at
360 px: confirm an order, ship it with a tracking number, mark it delivered, and see the
sale in the ledger; axe finds nothing serious or critical on the inbox, the order and the
money page at 360 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from orders.models import Order, OrderStatus
from payments.models import LedgerEntry
from tests.helpers.browser import LAPTOP, PHONE
from tests.helpers.seller_orders import place, stall

SERIOUS = ("serious", "critical")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _sign_in(browser_page: Page, user: Any, base_url: str) -> None:
    """The browser carries a session of `user` (signing in is the accounts pages' test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    browser_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def _no_serious_violation(browser_page: Page) -> None:
    violations = Axe().run(browser_page).response["violations"]
    serious = [(v["id"], browser_page.url) for v in violations if v["impact"] in SERIOUS]
    assert serious == []


def _tab_to(browser_page: Page, selector: str, limit: int = 60) -> None:
    target = browser_page.locator(selector).first
    for _ in range(limit):
        browser_page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} never got the focus")


def _checked_at_both_widths(browser_page: Page) -> None:
    for size in (PHONE, LAPTOP):
        browser_page.set_viewport_size({"width": size["width"], "height": size["height"]})
        _no_serious_violation(browser_page)
        # and nothing is wider than the screen
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], browser_page.url
    browser_page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})


def test_it_confirms_ships_and_delivers_an_order_with_the_keyboard_on_a_phone(
    live_server: Any, page: Page
) -> None:
    # given a household stall with a new cash order, its owner signed in on a phone
    seller, owner = stall(household=True)
    order = place(seller, quantity=2, price=100_000)
    _sign_in(page, owner, live_server.url)
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    # when they open the inbox, then the new order is counted and listed
    page.goto(live_server.url + "/kenh-nguoi-ban/don-hang/")
    expect(page.locator(".order-tabs a[aria-current='page']")).to_contain_text("Mới 1")
    _checked_at_both_widths(page)
    # when they open the order with the keyboard
    _tab_to(page, f"a[href='/kenh-nguoi-ban/don-hang/{order.pk}/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Đơn hàng #{order.number}")
    _checked_at_both_widths(page)
    # and confirm it
    _tab_to(page, "button:has-text('Xác nhận đơn hàng')")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Đã xác nhận đơn hàng. Hãy đóng gói và gửi hàng.")).to_be_visible()
    # and ship it with a carrier and a tracking number, first forgetting the number
    _tab_to(page, "#fulfill-carrier")
    page.keyboard.type("GHN")
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.locator("#fulfill-carrier").input_value() == "GHN"
    _checked_at_both_widths(page)
    _tab_to(page, "#fulfill-tracking_number")
    page.keyboard.type("GHN123456VN")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Đã gửi hàng. Người mua có thể theo dõi kiện hàng.")).to_be_visible()
    expect(page.locator("strong", has_text="GHN123456VN")).to_be_visible()
    # and mark it delivered
    _tab_to(page, "button:has-text('Đánh dấu đã giao')")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Đã đánh dấu đã giao.")).to_be_visible()
    _checked_at_both_widths(page)
    # then the order is delivered with that tracking number, and earned in the ledger
    delivered = Order.objects.get(pk=order.pk)
    assert delivered.status == OrderStatus.FULFILLED
    assert delivered.tracking_number == "GHN123456VN"
    assert delivered.delivered_at is not None
    assert LedgerEntry.objects.filter(order=order, kind="earning").count() == 1
    # and the delivered tab counts it
    page.goto(live_server.url + "/kenh-nguoi-ban/don-hang/?tab=delivered")
    expect(page.locator(".order-tabs a[aria-current='page']")).to_contain_text("Đã giao 1")
    # and the money page shows the sale, commission and withholding
    page.goto(live_server.url + "/kenh-nguoi-ban/tien/")
    expect(page.locator(".money-balance")).to_contain_text("217.000 ₫")
    expect(page.locator(".money-table tbody tr").first).to_contain_text("230.000 ₫")
    expect(page.locator(".money-table tbody tr").first).to_contain_text("10.000 ₫")
    expect(page.locator(".money-table tbody tr").first).to_contain_text("3.000 ₫")
    _checked_at_both_widths(page)
