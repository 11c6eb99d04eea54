"""The host console in a real Chromium on a 360 px phone: the host pins an offer and
launches a flash deal, which opens on the dashboard by itself (live-host.js) ten seconds
later; axe finds nothing serious at 360 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from livestream.models import FlashDeal, LiveOffer
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in
from tests.helpers.host_console import live_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def test_it_pins_and_launches_a_flash_deal_on_a_phone(live_server: Any, page: Page) -> None:
    # given a live session with two offers, and its host on a phone
    live = live_session()
    first, second = live.offers
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    sign_in(page, live.host, live_server.url)
    page.goto(f"{live_server.url}/kenh-live/{live.session.pk}/")
    assert page.locator("h1").inner_text() == "Chợ phiên mật ong"
    assert serious_violations(page) == []
    # when the host pins the second offer
    page.locator(f"#offer-{second.pk} button", has_text="Ghim").click()
    # then it shows pinned (swapped in place), and only it is pinned
    page.locator(f"#offer-{second.pk}.host-offer-pinned").wait_for(timeout=10_000)
    assert list(LiveOffer.objects.filter(is_pinned=True).values_list("pk", flat=True)) == [
        second.pk
    ]
    # when the host opens the flash-deal form and sends a 5 s countdown
    page.locator("#flash summary").click()
    page.select_option("#id_offer", str(first.pk))
    page.fill("#id_flash_price", "79000")
    page.fill("#id_quantity_cap", "5")
    page.fill("#id_per_buyer_limit", "1")
    page.fill("#id_countdown_seconds", "5")
    page.fill("#id_duration_minutes", "1")
    with page.expect_navigation():
        page.locator("#flash button[type=submit]").click()
    # then the error summary names the countdown, which is marked invalid
    summary = page.locator("#flash-summary")
    assert summary.is_visible()
    assert "10" in summary.inner_text() and "300" in summary.inner_text()
    assert page.locator("#id_countdown_seconds").get_attribute("aria-invalid") == "true"
    assert not FlashDeal.objects.exists()
    assert serious_violations(page) == []
    # when the host corrects it to 10 s
    page.fill("#id_countdown_seconds", "10")
    with page.expect_navigation():
        page.locator("#flash button[type=submit]").click()
    # then the offer says when the flash deal opens, and the dashboard shows it soon
    assert "Flash sale giá 79.000 ₫ mở lúc" in page.locator(f"#offer-{first.pk}").inner_text()
    assert (
        page.locator(f'#host-dashboard tr[data-offer="{first.pk}"]')
        .inner_text()
        .count("Sắp có flash sale")
        == 1
    )
    deal = FlashDeal.objects.get()
    assert (deal.offer_id, deal.flash_price) == (first.pk, 79_000)
    # and once it opens, the dashboard says so without a reload, at the flash price
    row = page.locator(f'#host-dashboard tr[data-offer="{first.pk}"]')
    row.locator(".host-flash-open").wait_for(timeout=30_000)
    assert "79.000 ₫" in row.inner_text()
    # and the page has no serious accessibility finding on a laptop either
    page.set_viewport_size({"width": LAPTOP["width"], "height": LAPTOP["height"]})
    assert serious_violations(page) == []
