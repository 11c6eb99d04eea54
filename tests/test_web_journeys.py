"""The storefront's three journeys from the issue, end to end in a real Chromium at the phone
and laptop widths: a guest buys from two sellers cash on delivery; a buyer signs up, resets the
password through the demo mailbox, saves an address, orders and reviews after delivery; and a
lapsed certificate takes a product out of every list, the sitemap and the cart."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from catalog.certificates import today
from catalog.models import OcopCertificate, Product
from catalog.tasks import expire_certificates
from orders.actions import FulfillItem, do_confirm, do_fulfill, do_mark_delivered
from orders.models import OrderGroup
from sellers.models import SellerMember
from tests.helpers.browser import LAPTOP, PHONE
from tests.helpers.demo_mailbox import mail_rows, open_new_mail

HONEY = "mat-ong-hoa-ban-dien-bien"  # Mường Phăng, Điện Biên
LYCHEE_HONEY = "mat-ong-hoa-vai-luc-ngan"  # another seller, Bắc Ninh
PASSWORD = "Mat-khau-moi-2026"
SERIOUS = ("serious", "critical")
RESET_SUBJECT = "Đặt lại mật khẩu Chợ OCOP"
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])

# The live server reads committed rows; serialized_rollback puts back what the flush empties.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def demo_mailbox(
    settings: Any, live_server: Any, celery_worker: Any, worker_mail_dir: Path
) -> None:
    """The demo's e-mail: kept as .eml files, by this server and by the real Celery worker
    (which sends the order e-mails the outbox hands it) in one folder, read at the demo
    mailbox; links point at this server."""
    settings.DEMO_MODE = True
    settings.EMAIL_BACKEND = "marketplace.mail.EmlFileBackend"
    settings.EMAIL_FILE_PATH = worker_mail_dir
    settings.OCOP_PUBLIC_URL = live_server.url


def _no_serious_violation(browser_page: Page) -> None:
    violations = Axe().run(browser_page).response["violations"]
    found = [(v["id"], browser_page.url) for v in violations if v["impact"] in SERIOUS]
    assert found == []


def _add_to_cart(browser_page: Page, count: str) -> None:
    browser_page.get_by_role("button", name="Thêm vào giỏ").click()
    expect(browser_page.locator("#cart-link .cart-count")).to_have_text(count)


def _open_mail(browser_page: Page, base_url: str, subject_part: str) -> None:
    """Open the demo mailbox, reloading as a person would until the e-mail is there (a
    Celery task sends it after the commit), and open it."""
    link = browser_page.get_by_role("link", name=subject_part)
    for _ in range(60):
        browser_page.goto(base_url + "/demo/hop-thu/")
        if link.count():
            break
        browser_page.wait_for_timeout(500)
    _no_serious_violation(browser_page)
    link.first.click()


@VIEWPORTS
def test_it_lets_a_guest_buy_from_two_sellers_cash_on_delivery_to_dien_bien(
    live_server: Any, demo_catalog: None, demo_mailbox: None, page: Page, viewport: dict[str, int]
) -> None:
    # given a guest on the home page
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    # when they search "mat ong" without accents and open the Điện Biên honey
    page.get_by_role("searchbox").fill("mat ong")
    page.get_by_role("searchbox").press("Enter")
    expect(page).to_have_url(live_server.url + "/search/?q=mat+ong")
    _no_serious_violation(page)
    page.locator(f"main a[href='/p/{HONEY}/']").first.click()
    expect(page).to_have_url(f"{live_server.url}/p/{HONEY}/")
    # and add it, then a honey of another seller
    _add_to_cart(page, "1")
    page.goto(f"{live_server.url}/p/{LYCHEE_HONEY}/")
    _add_to_cart(page, "2")
    # then the cart shows two seller groups
    page.locator("#cart-link").click()
    expect(page.locator(".cart-group")).to_have_count(2)
    _no_serious_violation(page)
    # when they check out, cash on delivery, to an address in Điện Biên
    page.get_by_role("link", name="Thanh toán").click()
    expect(page).to_have_url(live_server.url + "/thanh-toan/")
    page.locator("#id_email").fill("khach.moi@ocop.test")
    page.locator("#id_name").fill("Lò Thị Hoa")
    page.locator("#id_phone").fill("0912 345 678")
    page.locator("#id_province").fill("Điện Biên")
    page.locator("#id_ward").fill("Điện Biên Phủ")
    page.locator("#id_street").fill("12 Trần Phú")
    expect(page.get_by_label("Thanh toán khi nhận hàng")).to_be_checked()
    _no_serious_violation(page)
    page.locator("button.place-order").click()
    # then the confirmation shows one order number per seller
    group = OrderGroup.objects.get(user_email="khach.moi@ocop.test")
    numbers = sorted(order.number for order in group.orders.all())
    assert len(numbers) == 2
    expect(page.locator("main")).to_contain_text(f"#{numbers[0]}")
    expect(page.locator("main")).to_contain_text(f"#{numbers[1]}")
    assert "/thanh-toan/xac-nhan/" in page.url
    assert group.shipping_address is not None
    assert group.shipping_address.province.name == "Điện Biên"
    _no_serious_violation(page)
    # when the guest opens the confirmation e-mail (sent by the Celery worker) at the demo
    # mailbox and follows its link
    _open_mail(page, live_server.url, f"Xác nhận đơn hàng #{group.number}")
    href = page.locator(".mail-body a[href*='/don-hang/']").first.get_attribute("href") or ""
    # (the worker writes links on the configured OCOP_PUBLIC_URL, not this server's port)
    page.goto(live_server.url + urlsplit(href).path)
    # then the order page shows both sellers' orders
    assert "/don-hang/" in page.url
    expect(page.locator("main")).to_contain_text(f"#{numbers[0]}")
    expect(page.locator("main")).to_contain_text(f"#{numbers[1]}")
    _no_serious_violation(page)


@VIEWPORTS
def test_it_lets_a_new_buyer_reset_the_password_order_and_review_after_delivery(
    live_server: Any, demo_catalog: None, demo_mailbox: None, page: Page, viewport: dict[str, int]
) -> None:
    # given a visitor who signs up
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/dang-ky/")
    page.get_by_label("Email").fill("mai.moi@ocop.test")
    page.get_by_label("Mật khẩu").fill("Mat-khau-dau-2026")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page).to_have_url(live_server.url + "/tai-khoan/")
    page.get_by_role("button", name="Đăng xuất").click()
    # (an earlier test may have left its own reset e-mail to this address in the folder)
    before = mail_rows(page, live_server.url, RESET_SUBJECT, "mai.moi@ocop.test").count()
    # when they forget the password and reset it through the demo mailbox
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    page.get_by_label("Email").fill("mai.moi@ocop.test")
    page.get_by_role("button", name="Gửi liên kết").click()
    page.get_by_role("link", name="Mở hộp thư demo").click()
    open_new_mail(page, live_server.url, RESET_SUBJECT, "mai.moi@ocop.test", before)
    page.locator(".mail-body a[href*='/dat-lai-mat-khau/']").click()
    page.get_by_label("Mật khẩu mới").fill(PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    page.get_by_label("Email").fill("mai.moi@ocop.test")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(live_server.url + "/tai-khoan/")
    # and save an address in Điện Biên as their default
    page.get_by_role("link", name="Sổ địa chỉ").click()
    page.locator("#id_name").fill("Quàng Văn Mai")
    page.locator("#id_phone").fill("0987 654 321")
    page.locator("#id_province").fill("Điện Biên")
    page.locator("#id_ward").fill("Mường Phăng")
    page.locator("#id_street").fill("Bản Che Căn")
    page.get_by_role("button", name="Lưu địa chỉ").click()
    expect(page.locator(".address-card")).to_have_count(1)
    _no_serious_violation(page)
    # and order the Điện Biên honey to the saved address, cash on delivery
    page.goto(f"{live_server.url}/p/{HONEY}/")
    _add_to_cart(page, "1")
    page.goto(live_server.url + "/thanh-toan/")
    page.locator("button.place-order").click()
    expect(page.locator("main")).to_contain_text("#")
    group = OrderGroup.objects.get(user__email="mai.moi@ocop.test")
    order = group.orders.get()
    assert order.shipping_address is not None and "Mường Phăng" in order.shipping_address.city
    # when the seller confirms, ships and marks it delivered
    owner = SellerMember.objects.filter(seller=order.seller).first()
    assert owner is not None
    do_confirm(order.pk, owner.user)
    line = order.lines.get()
    shipped = FulfillItem(str(line.pk), order.seller.warehouses.get().pk, line.quantity)
    do_fulfill(order.pk, owner.user, [shipped], tracking_number="VN1")
    do_mark_delivered(order.pk, owner.user)
    # and the buyer reviews it from their reviews page
    page.goto(live_server.url + "/tai-khoan/")
    page.get_by_role("link", name="Đánh giá của bạn").click()
    _no_serious_violation(page)
    page.locator(f"#id_line-{line.pk}-stars_0").check()
    page.locator(f"#id_line-{line.pk}-text").fill("Mật ong thơm, đóng gói cẩn thận.")
    page.locator("form.review-form button[type=submit]").first.click()
    expect(page.get_by_role("status")).to_have_text("Cảm ơn bạn: đánh giá đã được đăng.")
    # then the product page shows the review
    page.goto(f"{live_server.url}/p/{HONEY}/")
    expect(page.locator("#reviews")).to_contain_text("Mật ong thơm, đóng gói cẩn thận.")
    _no_serious_violation(page)


@VIEWPORTS
def test_it_takes_a_lapsed_product_out_of_lists_search_sitemap_and_cart(
    live_server: Any, demo_catalog: None, page: Page, viewport: dict[str, int]
) -> None:
    # given a guest with the Điện Biên honey in the cart, and the honey in every list
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/p/{HONEY}/")
    _add_to_cart(page, "1")
    honey = Product.objects.get(slug=HONEY)
    link = f"main a[href='/p/{HONEY}/']"
    page.goto(live_server.url + "/search/?q=mat+ong")
    assert page.locator(link).count() >= 1
    # when its certificate's validity ends and the daily expiry job runs
    certificate = honey.certificates.get(status="verified")
    OcopCertificate.objects.filter(pk=certificate.pk).update(
        valid_until=today() - datetime.timedelta(days=1)
    )
    assert expire_certificates() == [certificate.pk]
    # then search, its province and group listings and the sitemap no longer show it
    for path in ("/search/?q=mat+ong", "/tinh/dien-bien/", f"/c/{honey.category.slug}/"):
        page.goto(live_server.url + path)
        assert page.locator(link).count() == 0, path
    sitemap = page.request.get(live_server.url + "/sitemap.xml").text()
    assert f"/p/{HONEY}/" not in sitemap and "/p/" in sitemap
    # and the cart drops it with a message naming it
    page.goto(live_server.url + "/gio-hang/")
    expect(page.locator("main")).to_contain_text(honey.name)
    expect(page.locator(".cart-group")).to_have_count(0)
    _no_serious_violation(page)
    # and its page answers 404 with the helpful page, never a stale price
    response = page.goto(f"{live_server.url}/p/{HONEY}/")
    assert response is not None and response.status == 404
    assert page.locator(".price").count() == 0
    _no_serious_violation(page)
