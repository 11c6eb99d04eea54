"""The watch page in a real Chromium at 360 px: the pinned offer stays on screen, a pushed
`ocop:live` event (the transport's contract: detail = {id, kind, state}) moves the pin and
the units left in place without a reload, and "Mua ngay" lands on the checkout at the live
price; axe finds nothing serious or critical at 360 and 1280 px."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from livestream.live_state import snapshot
from livestream.models import LiveOffer
from tests import factories
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in
from tests.helpers.live_watch import live_sale

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _checked_at_both_widths(browser_page: Page) -> None:
    for size in (PHONE, LAPTOP):
        browser_page.set_viewport_size(size)
        assert serious_violations(browser_page) == []
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    browser_page.set_viewport_size(PHONE)


def test_it_updates_the_pinned_offer_in_place_and_buys_it_in_one_tap(
    live_server: Any, page: Page
) -> None:
    # given a live TikTok session (a card, nothing to fetch) and a signed-in customer on a
    # phone
    sale = live_sale(stream_url="https://www.tiktok.com/@ocop.dienbien/live")
    sign_in(page, factories.user(), live_server.url)
    page.set_viewport_size(PHONE)
    # when they open the watch page
    page.goto(live_server.url + sale.page)
    pinned = page.locator("#pinned-offer")
    # then the pinned offer is on screen, at the bottom of the phone's screen
    expect(pinned).to_contain_text("Mật ong hoa ban (Hũ 0)")
    box = pinned.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"] + 1
    _checked_at_both_widths(page)
    # when the host pins the other offer and 13 of its units sell, and the event with the
    # state after commit reaches the page
    LiveOffer.objects.filter(pk=sale.pinned.pk).update(is_pinned=False)
    LiveOffer.objects.filter(pk=sale.other.pk).update(is_pinned=True, units_claimed=13)
    detail = {"id": 7, "kind": "offer.pinned", "state": snapshot(sale.session.pk)}
    page.evaluate("window.notReloaded = true")
    page.evaluate(
        "detail => document.dispatchEvent(new CustomEvent('ocop:live', {detail}))",
        json.loads(json.dumps(detail)),
    )
    # then the pinned card shows the other offer with its units left and sold, the list
    # and the sold counter follow, all without a reload
    expect(pinned.locator('[data-f="name"]')).to_have_text("Gạo Séng Cù (Hũ 0)")
    expect(pinned.locator('[data-f="left"]')).to_have_text("7")
    expect(pinned.locator('[data-f="sold"]')).to_have_text("13")
    expect(page.locator(f'#offer-{sale.other.pk} [data-f="left"]')).to_have_text("7")
    expect(page.locator(f"#offer-{sale.other.pk}")).to_have_class("watch-offer is-pinned")
    expect(page.locator("[data-live-sold]")).to_have_text("13")
    assert page.evaluate("window.notReloaded") is True
    # when they tap "Mua ngay" on the pinned card
    pinned.get_by_role("button", name="Mua ngay").click()
    # then the checkout opens with the offer at its live price
    expect(page).to_have_url(live_server.url + "/thanh-toan/")
    expect(page.locator("main")).to_contain_text("Gạo Séng Cù")
    expect(page.locator("main")).to_contain_text("150.000 ₫")
