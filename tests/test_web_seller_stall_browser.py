"""The seller centre's delivery methods, livestream invitations and an order's packing slip
in a real Chromium on a 360×740 phone: a producer adds a delivery method (after a wrong fee),
agrees to an invitation and opens the packing slip from the order; axe finds nothing serious
or critical on these pages at 360 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from checkout.models import ShippingMethod
from livestream.models import LivestreamSeller
from tests import factories
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in
from tests.helpers.seller_orders import place, stall

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _checked_at_both_widths(page: Page) -> None:
    for size in (PHONE, LAPTOP):
        page.set_viewport_size({"width": size["width"], "height": size["height"]})
        assert serious_violations(page) == [], (page.url, size["width"])
        # and nothing is wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], page.url
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})


def test_it_adds_a_delivery_method_agrees_to_a_live_and_prints_a_slip_on_a_phone(
    live_server: Any, page: Page
) -> None:
    # given a stall with a new order and an unanswered livestream invitation, its owner
    # signed in on a phone
    seller, owner = stall()
    order = place(seller, quantity=2, price=100_000)
    session = factories.livestream(sellers=(seller,), title="Chợ phiên mật ong Điện Biên")
    LivestreamSeller.objects.filter(livestream=session).update(agreed_at=None, agreed_by=None)
    sign_in(page, owner, live_server.url)
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})

    # when they open the delivery methods from the menu and add one with a wrong fee
    page.goto(live_server.url + "/kenh-nguoi-ban/")
    page.locator("nav.area-nav").get_by_role("link", name="Vận chuyển").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phương thức giao hàng")
    _checked_at_both_widths(page)
    page.get_by_role("link", name="Thêm phương thức giao hàng").click()
    _checked_at_both_widths(page)
    page.get_by_label("Tên hiển thị cho người mua").fill("Giao tiết kiệm")
    page.get_by_label("Phí (đồng)").fill("25,5")
    page.get_by_role("button", name="Thêm phương thức giao hàng này").click()
    # then the error is next to the fee, in Vietnamese, what was typed kept, nothing saved
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_price_amount-error")).to_contain_text(
        "Nhập số tiền nguyên bằng đồng, ví dụ 30.000."
    )
    assert not ShippingMethod.objects.filter(seller=seller, name="Giao tiết kiệm").exists()
    assert page.locator("#id_name").input_value() == "Giao tiết kiệm"
    _checked_at_both_widths(page)
    # when they correct it
    page.get_by_label("Phí (đồng)").fill("25.000")
    page.get_by_role("button", name="Thêm phương thức giao hàng này").click()
    # then it is listed at 25.000 ₫
    expect(page.get_by_text("Đã thêm phương thức giao hàng.")).to_be_visible()
    expect(page.locator(".seller-delivery-row", has_text="Giao tiết kiệm")).to_contain_text(
        "25.000 ₫"
    )
    assert ShippingMethod.objects.filter(
        seller=seller, name="Giao tiết kiệm", price_amount=25_000
    ).exists()

    # when they open the livestream invitations and agree
    page.locator("nav.area-nav").get_by_role("link", name="Livestream").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lời mời livestream")
    invitation = page.locator(f"#live-{session.pk}")
    expect(invitation).to_contain_text("Chưa trả lời")
    _checked_at_both_widths(page)
    invitation.get_by_role("button", name="Đồng ý").click()
    # then it is agreed
    expect(page.get_by_text("Bạn đã đồng ý tham gia.")).to_be_visible()
    expect(page.locator(f"#live-{session.pk}")).to_contain_text("Bạn đã đồng ý")
    assert LivestreamSeller.objects.get(livestream=session).agreed_by_id == owner.pk
    _checked_at_both_widths(page)

    # when they open the order and its packing slip
    page.goto(live_server.url + f"/kenh-nguoi-ban/don-hang/{order.pk}/")
    _checked_at_both_widths(page)
    link = page.get_by_role("link", name="Phiếu đóng gói (PDF)")
    with page.expect_response(lambda r: "phieu-dong-goi" in r.url) as answer:
        link.click()
    # then the slip arrives as a PDF named after the order
    response = answer.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert f"phieu-dong-goi-{order.number}.pdf" in response.headers["content-disposition"]
