"""A buyer's account in a real Chromium at 360 px: sign up, forget the password, follow the
reset link from the demo mailbox, set a new password and sign in with it; axe finds no
serious or critical violation on any account, schedule or mailbox page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests import factories
from tests.helpers.account import NEW_PASSWORD, PASSWORD
from tests.helpers.browser import PHONE
from tests.helpers.demo_mailbox import mail_rows, open_new_mail

SERIOUS = ("serious", "critical")
RESET_SUBJECT = "Đặt lại mật khẩu Chợ OCOP"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _no_serious_violation(browser_page: Page) -> None:
    violations = Axe().run(browser_page).response["violations"]
    serious = [(v["id"], browser_page.url) for v in violations if v["impact"] in SERIOUS]
    assert serious == []


def test_it_signs_up_resets_the_password_through_the_demo_mailbox_and_signs_in(
    live_server: Any, page: Page, settings: Any, celery_worker: Any, worker_mail_dir: Path
) -> None:
    # given the demo's e-mail kept in files, by this server and by the real Celery worker
    # (which sends the reset e-mail the outbox hands it), links pointing at this server,
    # and a phone
    settings.DEMO_MODE = True
    settings.EMAIL_BACKEND = "marketplace.mail.EmlFileBackend"
    settings.EMAIL_FILE_PATH = worker_mail_dir
    settings.OCOP_PUBLIC_URL = live_server.url
    factories.livestream(title="Phiên mật ong sắp phát")
    page.set_viewport_size(PHONE)
    # when a visitor signs up from the header's sign-in link
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Đăng nhập").click()
    _no_serious_violation(page)
    page.get_by_role("link", name="Tạo tài khoản mới").click()
    _no_serious_violation(page)
    page.get_by_label("Email").fill("mai@ocop.test")
    page.get_by_label("Mật khẩu").fill("123")
    page.get_by_role("button", name="Tạo tài khoản").click()
    # then a short password is refused next to the field, the email kept
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.get_by_label("Email").input_value() == "mai@ocop.test"
    _no_serious_violation(page)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tạo tài khoản").click()
    # and then they are on their account page, with its menu
    expect(page).to_have_url(live_server.url + "/tai-khoan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản của bạn")
    _no_serious_violation(page)
    for path in ("/tai-khoan/don-hang/", "/tai-khoan/nhac-lich/", "/live/"):
        page.goto(live_server.url + path)
        _no_serious_violation(page)
    # when they ask to be reminded of a session, then sign out
    page.get_by_role("button", name="Nhắc tôi").click()
    # (htmx redraws the session's entry in place)
    expect(page.get_by_text("Đã đặt nhắc lịch")).to_be_visible()
    _no_serious_violation(page)
    page.goto(live_server.url + "/tai-khoan/")
    page.get_by_role("button", name="Đăng xuất").click()
    # (the worker's folder may hold an earlier test's e-mails)
    before = mail_rows(page, live_server.url, RESET_SUBJECT, "mai@ocop.test").count()
    # and forget their password
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    _no_serious_violation(page)
    page.get_by_label("Email").fill("mai@ocop.test")
    page.get_by_role("button", name="Gửi liên kết").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hãy kiểm tra email")
    _no_serious_violation(page)
    # and open the demo mailbox and, once the worker sent it, the reset e-mail
    page.get_by_role("link", name="Mở hộp thư demo").click()
    _no_serious_violation(page)
    open_new_mail(page, live_server.url, RESET_SUBJECT, "mai@ocop.test", before)
    _no_serious_violation(page)
    # and follow its link and choose a new password
    page.locator(".mail-body a[href*='/dat-lai-mat-khau/']").click()
    _no_serious_violation(page)
    page.get_by_label("Mật khẩu mới").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    # then they are asked to sign in, and the new password lets them in
    expect(page.get_by_text("Đã đổi mật khẩu")).to_be_visible()
    page.get_by_label("Email").fill("mai@ocop.test")
    page.get_by_label("Mật khẩu").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(live_server.url + "/tai-khoan/")
    expect(page.get_by_role("link", name="Tài khoản", exact=True)).to_be_visible()
