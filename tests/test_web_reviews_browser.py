"""Reviews in a real Chromium at 360 px, with the keyboard alone: a buyer reviews a
delivered line and sees the review on the product page; axe finds nothing serious."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from reviews.models import Review
from tests import factories
from tests.helpers.browser import PHONE, serious_violations, sign_in
from tests.helpers.reviews import order_line

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} never got the focus")


def test_it_reviews_a_delivered_line_with_the_keyboard_and_shows_it(
    live_server: Any, page: Page
) -> None:
    # given a buyer whose order line of a honey was delivered, signed in on a phone
    product = factories.product(name="Mật ong bạc hà")
    buyer = factories.user(first_name="Lan", last_name="Nguyễn Thị")
    line = order_line(buyer, product)
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    sign_in(page, buyer, live_server.url)
    # when they open their reviews page
    page.goto(live_server.url + "/tai-khoan/danh-gia/")
    assert page.locator("h1").inner_text() == "Đánh giá của bạn"
    assert serious_violations(page) == []
    # and, with the keyboard only, choose 5 stars, write a text and publish
    prefix = f"line-{line.pk}"
    tab_to(page, f"#id_{prefix}-stars_0")
    page.keyboard.press("Space")
    tab_to(page, f"#id_{prefix}-text")
    page.keyboard.type("Mật thơm mát, sẽ mua lại.")
    tab_to(page, "form.review-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the review is published
    assert page.url == live_server.url + "/tai-khoan/danh-gia/?da-gui=1"
    assert page.get_by_role("status").inner_text() == "Cảm ơn bạn: đánh giá đã được đăng."
    assert list(Review.objects.values_list("stars", "text")) == [(5, "Mật thơm mát, sẽ mua lại.")]
    # and the product page shows it with the average
    page.goto(f"{live_server.url}/p/{product.slug}/")
    reviews = page.locator("#reviews")
    assert reviews.locator(".reviews-score").inner_text() == "5,0"
    assert reviews.locator(".review-text").inner_text() == "Mật thơm mát, sẽ mua lại."
    assert serious_violations(page) == []


def test_it_shows_errors_on_the_review_form_without_serious_axe_violations(
    live_server: Any, page: Page
) -> None:
    # given a buyer with a delivered line, signed in on a phone
    buyer = factories.user()
    order_line(buyer, factories.product())
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    sign_in(page, buyer, live_server.url)
    page.goto(live_server.url + "/tai-khoan/danh-gia/")
    # when they publish without choosing stars
    with page.expect_navigation():
        page.locator("form.review-form button[type=submit]").click()
    # then the error summary names the stars, and axe finds nothing serious
    assert page.get_by_role("alert").locator("a").inner_text() == "Hãy chọn số sao."
    assert Review.objects.count() == 0
    assert serious_violations(page) == []


def test_it_loads_more_reviews_in_place_with_the_keyboard(live_server: Any, page: Page) -> None:
    # given a product with seven reviews (the page shows five)
    from reviews.actions import do_create_review

    product = factories.product()
    for n in range(7):
        buyer = factories.user()
        do_create_review(buyer, order_line(buyer, product).pk, stars=4, text=f"Nhận xét {n}")
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    page.goto(f"{live_server.url}/p/{product.slug}/")
    reviews = page.locator("#reviews li.review")
    assert reviews.count() == 5
    # when the shopper tabs to "more reviews" and presses Enter
    tab_to(page, ".reviews-more a", limit=80)
    page.keyboard.press("Enter")
    # then the other two join the list in place, on the same page, and "more" is gone
    page.locator("#reviews li.review").nth(6).wait_for()
    assert page.url == f"{live_server.url}/p/{product.slug}/"
    assert page.locator(".reviews-more").count() == 0
    assert reviews.last.locator(".review-text").inner_text() == "Nhận xét 0"
