"""Issue 13 end to end: the host console and two watch pages in three Chromium contexts,
against the real ASGI server (uvicorn serving `marketplace.asgi`, SSE over the real Redis).
The host pins → both viewers see it within 2 s, without a reload; a viewer buys with
"Mua ngay" and checks out (cash on delivery) → the host's figures and every viewer's units
left move; comments flow both ways and a hidden one disappears everywhere; a flash deal
launched with a 10 s countdown opens and closes on the viewers' pages; axe at 360 px."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from livestream.flash import announce_due
from livestream.models import FlashDeal, LiveOffer
from orders.models import OrderGroup
from tests import factories
from tests.helpers.browser import PHONE, serious_violations, sign_in
from tests.helpers.live_events import asgi_server, isolate_prefix

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every `ocop:live` event a page receives, kept for the test to wait on.
RECORD_EVENTS = """
window.liveEvents = [];
document.addEventListener("ocop:live", function (event) {
  window.liveEvents.push(event.detail);
});
"""


def _open(browser: Browser, user: Any, base: str, path: str) -> Page:
    """A fresh context (its own cookies) signed in as `user`, on `path`, at 360 px."""
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=base
    )
    context.add_init_script(RECORD_EVENTS)
    page = context.new_page()
    sign_in(page, user, base)
    page.goto(base + path)
    return page


def _connected(page: Page) -> None:
    """The page's event stream has delivered its first snapshot."""
    page.wait_for_function(
        "() => window.liveEvents.some(e => e.kind === 'snapshot')", timeout=10_000
    )


def _timed(wait: Any) -> float:
    started = time.monotonic()
    wait()
    return time.monotonic() - started


@pytest.mark.usefixtures("empty_database")
def test_it_runs_a_live_session_with_a_host_and_two_viewers(
    transactional_db: Any, settings: Any, browser: Browser, tmp_path: Any
) -> None:
    # given a live session hosted by a host, selling two products of a stall that delivers,
    # none pinned yet; a buyer and a second viewer
    prefix = isolate_prefix(settings)
    host, buyer, watcher = factories.host(), factories.user(), factories.user()
    stall = factories.seller(owner=factories.user())
    factories.shipping_method(stall)
    session = factories.livestream(
        host_user=host,
        sellers=(stall,),
        status="live",
        starts_in=-datetime.timedelta(minutes=10),
        duration=datetime.timedelta(hours=1),
        title="Chợ phiên Điện Biên",
    )
    honey, _rice = (
        factories.live_offer(
            session,
            factories.product(owner=stall, price=200_000, stock=100, name=name),
            live_price=150_000,
            cap=10,
            per_buyer=2,
        )
        for name in ("Mật ong hoa ban", "Gạo Séng Cù")
    )
    watch = f"/live/{session.slug}/"
    with asgi_server(prefix, static_root=str(tmp_path / "static")) as base:
        console = _open(browser, host, base, f"/kenh-live/{session.pk}/")
        viewers = [_open(browser, user, base, watch) for user in (buyer, watcher)]
        for page in (console, *viewers):
            _connected(page)
        first, second = viewers
        for page in (console, *viewers):
            page.evaluate("window.notReloaded = true")
        assert all(page.locator("#pinned-offer").is_hidden() for page in viewers)

        # when the host pins the honey
        console.locator(f"#offer-{honey.pk} button", has_text="Ghim").click()
        # then both viewers' pinned cards show it within 2 s, without a reload
        pin_seconds = [
            _timed(
                lambda p=page: expect(p.locator('#pinned-offer [data-f="name"]')).to_have_text(
                    "Mật ong hoa ban (Hũ 0)", timeout=2_000
                )
            )
            for page in viewers
        ]
        assert all(page.evaluate("window.notReloaded") for page in viewers)
        assert list(LiveOffer.objects.filter(is_pinned=True).values_list("pk", flat=True)) == [
            honey.pk
        ]
        # and the watch page has no serious accessibility finding at 360 px while live
        assert serious_violations(first) == []
        assert first.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        # when the buyer taps "Mua ngay" and checks out, paying cash on delivery
        first.locator("#pinned-offer").get_by_role("button", name="Mua ngay").click()
        expect(first).to_have_url(base + "/thanh-toan/")
        for field, text in (
            ("#id_name", "Lò Thị Hoa"),
            ("#id_phone", "0912 345 678"),
            ("#id_province", "Điện Biên"),
            ("#id_ward", "Điện Biên Phủ"),
            ("#id_street", "12 Trần Phú"),
        ):
            first.locator(field).fill(text)
        if not first.locator("#id_email").input_value():  # a signed-in buyer's is filled in
            first.locator("#id_email").fill(buyer.email)
        first.locator('input[name="payment"][value="cod"]').check()
        with first.expect_navigation():
            first.locator("button.place-order").click()
        placed = time.monotonic()
        # then the order is placed for one unit at the live price
        assert "/thanh-toan/xac-nhan/" in first.url, first.locator("main").inner_text()
        assert OrderGroup.objects.count() == 1
        # and the other viewer's units left and sold move, without a reload
        expect(second.locator('#pinned-offer [data-f="left"]')).to_have_text("9", timeout=5_000)
        sale_seconds = time.monotonic() - placed
        expect(second.locator(f'#offer-{honey.pk} [data-f="sold"]')).to_have_text("1")
        expect(second.locator("[data-live-sold]")).to_have_text("1")
        # and so do the host's figures
        row = console.locator(f'#host-dashboard tr[data-offer="{honey.pk}"]')
        expect(row.locator("[data-sold]")).to_have_text("1", timeout=5_000)
        expect(row.locator("[data-left]")).to_have_text("9")
        expect(console.locator("#host-dashboard [data-units]")).to_have_text("1")
        # and the buyer, back on the watch page, sees the same
        first.goto(base + watch)
        _connected(first)
        expect(first.locator('#pinned-offer [data-f="left"]')).to_have_text("9")

        # when the second viewer comments
        second.locator("#live-comment-body").fill("Mật ong này có ship Hà Nội không?")
        second.locator("#live-comments").get_by_role("button", name="Gửi").click()
        # then the buyer and the host see it
        comment = "Mật ong này có ship Hà Nội không?"
        for page in (first, console):
            expect(page.locator(".live-comment__body")).to_have_text([comment], timeout=5_000)
        # when the host answers it, the viewers see the answer
        console.locator("#live-comment-body").fill("Có ạ, giao toàn quốc")
        console.locator("#live-comments").get_by_role("button", name="Gửi").click()
        for page in viewers:
            expect(page.locator(".live-comment__body")).to_have_text(
                [comment, "Có ạ, giao toàn quốc"], timeout=5_000
            )
        # when the host hides the question
        console.locator(".live-comment", has_text=comment).get_by_role("button", name="Ẩn").click()
        # then it disappears for everyone
        for page in (console, *viewers):
            expect(page.locator(".live-comment__body")).to_have_text(
                ["Có ạ, giao toàn quốc"], timeout=5_000
            )

        # when the host launches a flash deal on the honey: 10 s countdown, 1 minute
        console.locator("#flash summary").click()
        console.select_option("#id_offer", str(honey.pk))
        console.fill("#id_flash_price", "99000")
        console.fill("#id_quantity_cap", "5")
        console.fill("#id_per_buyer_limit", "1")
        console.fill("#id_countdown_seconds", "10")
        console.fill("#id_duration_minutes", "1")
        with console.expect_navigation():
            console.locator("#flash button[type=submit]").click()
        deal = FlashDeal.objects.get()
        assert (deal.offer_id, deal.flash_price) == (honey.pk, 99_000)
        # then each viewer's pinned card counts down to its opening
        for page in viewers:
            flash = page.locator('#pinned-offer [data-f="flash"]')
            expect(flash).to_be_visible(timeout=5_000)
            expect(flash).to_contain_text("Flash sale bắt đầu sau 00:")
        # when it opens (the beat's tick, run here once the countdown is over)
        time.sleep(max(0.0, (deal.opens_at - timezone.now()).total_seconds()) + 0.2)
        assert announce_due()["flash.opened"] == [deal.pk]
        # then the viewers see the flash price and a countdown to its end
        for page in viewers:
            expect(page.locator('#pinned-offer [data-f="live"]')).to_have_text(
                "99.000 ₫", timeout=5_000
            )
            expect(page.locator('#pinned-offer [data-f="flash"]')).to_contain_text(
                "Flash sale kết thúc sau 00:"
            )
        # when it closes: its one-minute window is cut to end now (the 1-minute minimum
        # is the domain's; the close travels the same way at any time), and the beat ticks
        FlashDeal.objects.filter(pk=deal.pk).update(closes_at=timezone.now())
        assert announce_due()["flash.closed"] == [deal.pk]
        # then the viewers are back at the live price, the countdown gone
        for page in viewers:
            expect(page.locator('#pinned-offer [data-f="live"]')).to_have_text(
                "150.000 ₫", timeout=5_000
            )
            expect(page.locator('#pinned-offer [data-f="flash"]')).to_be_hidden()
        assert second.evaluate("window.notReloaded") is True
        print(f"pin → viewers: {pin_seconds}; sale → other viewer: {sale_seconds:.2f}s")
        assert max(pin_seconds) < 2.0
        for page in (console, *viewers):
            page.context.close()
