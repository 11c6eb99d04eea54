"""Deleting one's account in a real Chromium at 360 px, by keyboard: the unticked box is
refused next to it, then the confirmed deletion signs the buyer out; axe finds no serious
or critical violation on the page at 360 or 1280 px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from tests import factories
from tests.helpers.account import PASSWORD, order_group
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGE = "/tai-khoan/xoa-tai-khoan/"


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def test_it_deletes_an_account_with_the_keyboard_on_a_phone(live_server: Any, page: Page) -> None:
    # given a buyer with an order, signed in on a phone
    buyer = factories.user("lan@ocop.test")
    order_group(buyer, sellers=1)
    page.set_viewport_size(PHONE)
    sign_in(page, buyer, live_server.url)
    # when they open the page from their account
    page.goto(live_server.url + "/tai-khoan/")
    page.get_by_role("link", name="Xoá tài khoản").click()
    expect(page).to_have_url(live_server.url + PAGE)
    assert serious_violations(page) == []
    # and send the password without ticking the box, by keyboard
    page.get_by_label("Mật khẩu của bạn").fill(PASSWORD)
    page.get_by_label("Mật khẩu của bạn").press("Enter")
    # then the summary and the box say what is missing, and the account stays
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.locator("#id_understood").get_attribute("aria-invalid") == "true"
    assert serious_violations(page) == []
    assert User.objects.get(pk=buyer.pk).is_active
    # when they type the password again, tick the box with the space bar and submit
    page.get_by_label("Mật khẩu của bạn").fill(PASSWORD)
    page.locator("#id_understood").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then they are on the home page, told the account is deleted, signed out
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_text("Tài khoản của bạn đã được xoá.")).to_be_visible()
    assert User.objects.get(pk=buyer.pk).is_active is False
    # and the page is as accessible at 1280 px
    other = factories.user()
    sign_in(page, other, live_server.url)
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + PAGE)
    assert serious_violations(page) == []
