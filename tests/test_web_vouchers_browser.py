"""A producer runs a voucher on a 360 px phone in a real Chromium: creates it (a mistake
first, named in the summary), a shopper applies it in the web cart's promo-code field and
sees the discount, the producer ends it now, and the cart then says it has expired; axe
finds nothing serious on the list, the form with its errors, the voucher and the cart at
360 and 1280 px."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from promotions.models import Voucher
from tests import factories
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in
from tests.helpers.seller_orders import stall

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CONTEXT = {"locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, **CONTEXT}


def _checked_at_both_widths(page: Page) -> None:
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        assert serious_violations(page) == [], (page.url, size)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], page.url
    page.set_viewport_size(PHONE)


def test_it_creates_a_voucher_a_shopper_uses_in_the_cart_and_ends_it(
    live_server: Any, page: Page
) -> None:
    # given a Điện Biên stall selling a 200.000 ₫ honey, its owner signed in on a phone
    seller, owner = stall()
    factories.shipping_method(seller)
    honey = factories.product(owner=seller, price=200_000, stock=20, name="Mật ong hoa ban")
    sign_in(page, owner, live_server.url)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/kenh-nguoi-ban/")
    # when they follow the menu to the vouchers and on to a new one
    page.get_by_role("link", name="Mã giảm giá").first.click()
    expect(page.locator("h1")).to_have_text("Mã giảm giá")
    _checked_at_both_widths(page)
    page.get_by_role("link", name="Tạo mã giảm giá").click()
    # then the form suggests a code; a fixed amount without a name is refused in place
    expect(page.locator("#id_code")).to_have_value(re.compile(r"^HTN\d+-\w{4}$"))
    page.locator("#id_code").fill("mat-ong-tet")
    page.get_by_label("Số tiền cố định").check()
    page.locator("#id_value").fill("20.000")
    page.get_by_role("button", name="Tạo mã giảm giá này").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Tên người mua thấy: Nhập tên người mua sẽ thấy.")
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    _checked_at_both_widths(page)
    # and with the name and 10 uses it is saved and listed as active
    page.locator("#id_name").fill("Giảm 20.000 ₫ mật ong Tết")
    page.locator("#id_usage_limit").fill("10")
    page.get_by_role("button", name="Tạo mã giảm giá này").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text(
        "Đã lưu mã giảm giá MAT-ONG-TET."
    )
    row = page.locator(".voucher-row", has_text="MAT-ONG-TET")
    expect(row.locator(".status-badge")).to_have_text("Đang áp dụng")
    expect(row).to_contain_text("0 / 10")
    # when a shopper on another phone puts the honey in the cart and types the code
    shopper = page.context.browser.new_context(**CONTEXT)  # type: ignore[union-attr]
    cart = shopper.new_page()
    cart.set_viewport_size(PHONE)
    cart.goto(f"{live_server.url}/p/{honey.slug}/")
    cart.locator("#buy-add").click()
    expect(cart.locator("#cart-link .cart-count")).to_have_text("1")
    cart.goto(f"{live_server.url}/gio-hang/")
    cart.locator("#promo-code").fill("mat-ong-tet")
    cart.locator("#promo-code").press("Enter")
    # then the cart takes 20.000 ₫ off, named after the voucher
    totals = cart.locator(".cart-total")
    expect(totals).to_contain_text("Giảm 20.000 ₫ mật ong Tết")
    expect(totals).to_contain_text("−20.000 ₫")
    _checked_at_both_widths(cart)
    # when the producer opens the voucher and ends it now
    row.get_by_role("link", name="Chi tiết").click()
    _checked_at_both_widths(page)
    page.get_by_role("button", name="Kết thúc MAT-ONG-TET ngay").click()
    # then it stays in the list, ended
    ended = page.locator(".voucher-row", has_text="MAT-ONG-TET")
    expect(ended.locator(".status-badge")).to_have_text("Đã kết thúc")
    assert Voucher.objects.get(code="MAT-ONG-TET").is_active is False
    # and the shopper's cart no longer takes it off, saying why
    cart.reload()
    expect(cart.locator(".cart-promo")).to_contain_text("Mã giảm giá này đã hết hạn.")
    expect(cart.locator(".cart-total")).not_to_contain_text("−20.000 ₫")
    shopper.close()


def test_an_officer_funds_a_voucher_for_one_seller_of_the_province(
    live_server: Any, page: Page
) -> None:
    # given Điện Biên's officer on a phone, a Điện Biên stall with its own voucher
    seller, _ = stall()
    Voucher.objects.create(
        code="STALL-5K",
        name="Giảm 5.000 ₫",
        value_type="fixed",
        value=5_000,
        funder="seller",
        funding_seller=seller,
        scope="seller",
        scope_seller=seller,
    )
    sign_in(page, factories.officer("11"), live_server.url)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/can-bo/")
    # when they follow the menu to the vouchers: the stall's own is there, read only
    page.get_by_role("link", name="Mã giảm giá").first.click()
    expect(page.locator(".voucher-row", has_text="STALL-5K")).to_contain_text(
        f"Gian hàng {seller.stall_name}"
    )
    _checked_at_both_widths(page)
    # and they choose one seller but forget to pick it
    page.get_by_role("link", name="Tạo mã giảm giá").click()
    page.get_by_role("radio", name="Một người bán").check()
    page.locator("#id_name").fill("Điện Biên tặng 10%")
    page.locator("#id_value").fill("10")
    page.get_by_role("button", name="Tạo mã giảm giá này").click()
    # then the summary names the seller field, and following its link focuses the field
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Chọn người bán.")
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_scope_seller")).to_be_focused()
    _checked_at_both_widths(page)
    # and with the stall picked it is saved, the province funding it
    page.locator("#id_scope_seller").select_option(str(seller.pk))
    page.get_by_role("button", name="Tạo mã giảm giá này").click()
    row = page.locator(".voucher-row").first
    expect(row).to_contain_text(f"Gian hàng {seller.stall_name}")
    expect(row.locator(".status-badge")).to_have_text("Đang áp dụng")
    made = Voucher.objects.get(funder="province")
    assert (made.scope, made.scope_seller_id, made.value) == ("seller", seller.pk, 10)
