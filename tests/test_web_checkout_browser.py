"""Checkout, confirmation, order page and address book in a real Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from checkout.address_book import do_add_saved_address
from orders.models import OrderGroup
from tests import factories
from tests.factories import VN_ADDRESS
from tests.helpers.browser import LAPTOP, PHONE
from tests.helpers.web_checkout import put_in_session, two_seller_cart

SERIOUS = ("serious", "critical")

# The live server reads committed rows; serialized_rollback puts back what the flush after
# each test empties (the default channel, the provinces and wards).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _serious(browser_page: Page) -> list[str]:
    violations = Axe().run(browser_page).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in SERIOUS]


def _use_session(browser_page: Page, live_server: Any, client: Client) -> None:
    """The browser continues the test client's session (its cart, its sign-in)."""
    browser_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _tab_to(browser_page: Page, selector: str, limit: int = 80) -> None:
    target = browser_page.locator(selector)
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        browser_page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_it_completes_a_cash_on_delivery_checkout_with_the_keyboard_on_a_phone(
    live_server: Any, page: Page
) -> None:
    # given a guest's cart with products of two sellers, in a phone's browser
    cart = two_seller_cart()
    client = Client()
    put_in_session(client, cart.checkout)
    _use_session(page, live_server, client)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/thanh-toan/")
    assert _serious(page) == []
    # when the shopper fills the form with the keyboard alone and places the order
    for selector, text in (
        ("#id_email", "khach@ocop.test"),
        ("#id_name", "Lò Thị Hoa"),
        ("#id_phone", "0912 345 678"),
        ("#id_province", "Điện Biên"),
        ("#id_ward", "Điện Biên Phủ"),
        ("#id_street", "12 Trần Phú"),
    ):
        _tab_to(page, selector)
        page.keyboard.type(text)
        if selector == "#id_province":
            # htmx fills the ward field's suggestions with the province's communes and wards
            wards = page.locator("#ward-options option[value='Phường Điện Biên Phủ']")
            expect(wards).to_be_attached()
    _tab_to(page, "button.place-order")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the confirmation shows the two orders' numbers
    group = OrderGroup.objects.get()
    numbers = sorted(o.number for o in group.orders.all())
    assert "/thanh-toan/xac-nhan/" in page.url
    text = page.locator("main").inner_text()
    assert all(f"#{n}" in text for n in numbers)
    assert _serious(page) == []
    # and its link opens the order page, also without serious axe violations
    _tab_to(page, "main a.button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/don-hang/" in page.url
    assert all(f"#{n}" in page.locator("main").inner_text() for n in numbers)
    assert _serious(page) == []


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_it_shows_checkout_errors_and_the_address_book_without_serious_axe_violations(
    live_server: Any, page: Page, viewport: dict[str, int]
) -> None:
    # given a signed-in buyer with a saved address and a cart
    buyer = factories.user()
    do_add_saved_address(buyer, VN_ADDRESS)
    client = Client()
    client.force_login(buyer)
    put_in_session(client, two_seller_cart().checkout)
    _use_session(page, live_server, client)
    page.set_viewport_size(viewport)
    # when the checkout is sent with a bad new address
    page.goto(live_server.url + "/thanh-toan/")
    assert _serious(page) == []
    page.get_by_label("Địa chỉ mới (bên dưới)").check()
    page.locator("#id_phone").fill("123")
    with page.expect_navigation():
        page.locator("button.place-order").click()
    # then the error summary and field errors pass axe
    assert page.locator(".error-summary").count() == 1
    assert page.locator("#id_phone").get_attribute("aria-invalid") == "true"
    assert _serious(page) == []
    # and so do the address book and its edit page
    page.goto(live_server.url + "/tai-khoan/dia-chi/")
    assert page.locator(".address-card").count() == 1
    assert _serious(page) == []
    page.locator(".address-card a").first.click()
    assert _serious(page) == []
