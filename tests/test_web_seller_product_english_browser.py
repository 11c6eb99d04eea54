"""The "In English" page of a product in a real Chromium at 360 px, with the keyboard alone:
the owner fills in the English name and saves; axe finds nothing serious or critical at
360 and 1280 px, with and without errors."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from catalog.models import ProductTranslation
from tests import factories
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _checked_at_both_widths(page: Page) -> None:
    for size in (PHONE, LAPTOP):
        page.set_viewport_size({"width": size["width"], "height": size["height"]})
        assert serious_violations(page) == [], (size, page.url)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})


def test_it_saves_an_english_name_with_the_keyboard_on_a_phone(
    live_server: Any, page: Page
) -> None:
    # given a stall's owner signed in on a phone, on their product's English page
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    sign_in(page, owner, live_server.url)
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    page.goto(f"{live_server.url}/kenh-nguoi-ban/san-pham/{product.pk}/tieng-anh/")
    _checked_at_both_widths(page)
    # when they type a slug that is not one, then a name, and save with the keyboard
    page.locator("#id_slug").focus()
    page.keyboard.type("Not A Slug")
    page.locator("#id_name").focus()
    page.keyboard.type("Bauhinia honey")
    page.keyboard.press("Enter")
    # then the error is summarised and the page stays usable
    expect(page.locator(".error-summary")).to_contain_text("Địa chỉ web tiếng Anh")
    _checked_at_both_widths(page)
    # when they fix the slug and save again
    page.locator("#id_slug").fill("bauhinia-honey")
    page.locator("#id_slug").press("Enter")
    # then it is saved
    expect(page.locator("#id_name")).to_have_value("Bauhinia honey")
    assert ProductTranslation.objects.get(product=product).slug == "bauhinia-honey"
