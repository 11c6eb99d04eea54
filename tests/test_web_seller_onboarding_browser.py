"""The onboarding wizard in a real Chromium at 360 px: a producer signs in, chooses a type, fills
the legal and bank data (a mistake first), uploads a document with the file input, sends the
application; an officer asks for a change; the status page shows it and the producer sends again.
axe finds no serious or critical violation on any of these pages at 360 and 1280 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from sellers.models import Seller, SellerStatus
from sellers.workflow import do_transition
from tests import factories
from tests.helpers.account import PASSWORD
from tests.helpers.browser import LAPTOP, PHONE
from tests.helpers.seller_onboarding import BANK, first_ward_name, legal, local_media

SERIOUS = ("serious", "critical")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _no_serious_violation(browser_page: Page) -> None:
    for size in (PHONE, LAPTOP):
        browser_page.set_viewport_size(size)
        violations = Axe().run(browser_page).response["violations"]
        serious = [(v["id"], browser_page.url) for v in violations if v["impact"] in SERIOUS]
        assert serious == []
    browser_page.set_viewport_size(PHONE)


def test_it_takes_a_producer_through_the_wizard_on_a_phone(
    live_server: Any, page: Page, settings: Any, tmp_path: Path
) -> None:
    # given a registered user, media on the local disk and a phone-sized window
    local_media(settings, tmp_path / "media")
    factories.user("tua-chua@ocop.test")
    licence = tmp_path / "giay-phep.pdf"
    licence.write_bytes(factories.PDF_BYTES)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/kenh-nguoi-ban/")
    # when they sign in, they land on the wizard's first step
    page.get_by_label("Email").fill("tua-chua@ocop.test")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Loại chủ thể")
    _no_serious_violation(page)
    # step 1: the producer type
    page.get_by_label("Hợp tác xã (HTX)").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    # step 2: legal data, first with a bad tax code
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông tin pháp lý")
    data = legal()
    page.get_by_label("Tên pháp lý").fill(data["legal_name"])
    page.get_by_label("Số đăng ký kinh doanh").fill(data["registration_number"])
    page.get_by_label("Mã số thuế").fill("12ab")
    page.get_by_label("Tỉnh").select_option("11")
    page.get_by_label("Phường, xã").fill(first_ward_name())
    page.get_by_label("Địa chỉ (thôn, bản, số nhà)").fill(data["street_address"])
    page.get_by_label("Số điện thoại").fill(data["phone"])
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.get_by_label("Tên pháp lý").input_value() == data["legal_name"]
    assert Seller.objects.count() == 0
    _no_serious_violation(page)
    page.get_by_label("Mã số thuế").fill(data["tax_code"])
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    # step 3: the bank account
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản ngân hàng")
    _no_serious_violation(page)
    page.get_by_label("Ngân hàng").fill(BANK["bank_name"])
    page.get_by_label("Số tài khoản").fill(BANK["bank_account_number"])
    page.get_by_label("Chủ tài khoản").fill(BANK["bank_account_holder"])
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    # step 4: a document, from the phone's file picker
    expect(page.get_by_role("heading", level=1)).to_have_text("Giấy tờ của bạn")
    file_input = page.locator("input[type=file]")
    assert file_input.get_attribute("capture") == "environment"
    assert file_input.get_attribute("accept") == "image/*,application/pdf"
    file_input.set_input_files(str(licence))
    page.get_by_role("button", name="Tải lên").click()
    expect(page.locator(".document-list li")).to_have_count(1)
    _no_serious_violation(page)
    page.get_by_role("link", name="Tiếp tục").click()
    # step 5: review and send
    expect(page.get_by_role("heading", level=1)).to_have_text("Xem lại và gửi")
    _no_serious_violation(page)
    page.get_by_role("button", name="Gửi hồ sơ").click()
    # then the status page says it waits for the officer
    expect(page.get_by_text("Đã gửi. Cán bộ OCOP của tỉnh đang xem hồ sơ.")).to_be_visible()
    _no_serious_violation(page)
    seller = Seller.objects.get()
    assert seller.status == SellerStatus.SUBMITTED
    # when the Điện Biên officer asks for a change
    do_transition(seller, "request_changes", factories.officer("11"), "Thiếu số nhà, ghi rõ giúp.")
    page.reload()
    # then the producer reads it, edits the address and sends again
    expect(page.get_by_text("Thiếu số nhà, ghi rõ giúp.")).to_be_visible()
    _no_serious_violation(page)
    page.get_by_role("link", name="Sửa và gửi lại").click()
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.get_by_label("Địa chỉ (thôn, bản, số nhà)").fill("Số 12, bản Sín Chải")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.goto(live_server.url + "/kenh-nguoi-ban/dang-ky/5/")
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.get_by_text("Đã gửi. Cán bộ OCOP của tỉnh đang xem hồ sơ.")).to_be_visible()
    seller.refresh_from_db()
    assert seller.status == SellerStatus.SUBMITTED
    assert seller.street_address == "Số 12, bản Sín Chải"
