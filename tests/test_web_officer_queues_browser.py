"""The officer console's queues in a real Chromium: a phone, the keyboard, and axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from sellers.models import Seller, SellerStatus, SellerTransition
from tests import factories
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in
from tests.helpers.officer import DIEN_BIEN, pending_certificate, submitted_application

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} never got the focus")


def test_it_requests_changes_to_an_application_with_the_keyboard_on_a_phone(
    live_server: Any, page: Page
) -> None:
    # given a Điện Biên application with a photo and a PDF, and the province's officer
    application = submitted_application(DIEN_BIEN, image=True)
    officer = factories.officer(DIEN_BIEN)
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    sign_in(page, officer, live_server.url)
    # when the officer opens the queues and, by keyboard, the application
    page.goto(live_server.url + "/can-bo/")
    assert page.locator('[data-count="applications"]').inner_text() == "1"
    tab_to(page, f'a[href="/can-bo/ho-so/{application.pk}/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the documents show in the page (the photo loaded through the console)
    assert page.locator("h1").inner_text() == application.legal_name
    photo = page.locator("img.document-image")
    photo.scroll_into_view_if_needed()  # a lazy image loads once near the viewport
    page.wait_for_function(
        "() => document.querySelector('img.document-image').naturalWidth > 0", timeout=10_000
    )
    assert photo.evaluate("img => img.naturalWidth") == 8
    # when the officer first sends it back with no reason
    tab_to(page, 'button[value="request_changes"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the error says a reason is needed, and nothing moved
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_reason").get_attribute("aria-invalid") == "true"
    assert Seller.objects.get(pk=application.pk).status == SellerStatus.SUBMITTED
    # when the officer types a reason and sends it back
    tab_to(page, "#id_reason")
    page.keyboard.type("Thiếu giấy chứng nhận ATTP còn hạn")
    tab_to(page, 'button[value="request_changes"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the application awaits the producer's changes, with the reason in its history
    assert page.locator("[role=status]").inner_text() == "Đã ghi nhận quyết định."
    assert Seller.objects.get(pk=application.pk).status == SellerStatus.CHANGES_REQUESTED
    last = SellerTransition.objects.filter(seller=application).latest("pk")
    assert (last.actor_id, last.reason) == (officer.pk, "Thiếu giấy chứng nhận ATTP còn hạn")
    assert "Thiếu giấy chứng nhận ATTP còn hạn" in page.locator(".history").inner_text()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_it_has_no_serious_axe_violation_on_the_queue_pages(
    live_server: Any, page: Page, viewport: dict[str, int]
) -> None:
    # given a waiting application and certificate, and their officer
    application = submitted_application(DIEN_BIEN, image=True)
    certificate = pending_certificate(DIEN_BIEN)
    page.set_viewport_size({"width": viewport["width"], "height": viewport["height"]})
    sign_in(page, factories.officer(DIEN_BIEN), live_server.url)
    # then the queues, the application (also with an error), the certificate and the audit
    # log pass axe
    for path in (
        "/can-bo/",
        f"/can-bo/ho-so/{application.pk}/",
        f"/can-bo/chung-nhan/{certificate.pk}/",
        "/can-bo/nhat-ky/",
    ):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200
        assert serious_violations(page) == [], path
    page.goto(live_server.url + f"/can-bo/ho-so/{application.pk}/")
    with page.expect_navigation():
        page.locator('button[value="reject"]').click()
    assert page.locator(".error-summary").is_visible()
    assert serious_violations(page) == []
