"""The issue's first browser journey, end to end on a 360×740 phone, over the real services
and the real Celery worker: a producer signs up, sends the onboarding wizard with a document;
the Điện Biên officer asks for a change, which the producer reads, makes and sends again; the
officer approves; the producer lists a product with a photo and a certificate scan; the officer
verifies the certificate; the product is found on the storefront and a buyer orders it, cash
on delivery; the producer, told by e-mail, confirms, ships and marks it delivered; the money
page shows the sale, the commission and the Decree 117 withholding to the đồng.

Three browser contexts (producer, officer, buyer), each driven through the pages only; the
database is read to find what the pages made, never to make it (except the officer's account
and the demo catalogue). axe runs once on every distinct page the journey opens."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from catalog.models import CertificateStatus, Product
from core.money import format_vnd
from orders.models import Order, OrderStatus
from payments.models import LedgerEntry, LedgerEntryKind
from payments.payouts import CommissionRates, round_vnd
from sellers.models import Seller, SellerKind, SellerStatus
from tests import factories
from tests.helpers.account import PASSWORD as OFFICER_PASSWORD
from tests.helpers.browser import PHONE, serious_violations
from tests.helpers.officer import DIEN_BIEN
from tests.helpers.seller_onboarding import first_ward_name

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PRODUCER_EMAIL = "ho.lo.van.sinh@ocop.test"
PRODUCER_PASSWORD = "Tuong-ot-Sin-Chai-2026"
STALL = "Hộ kinh doanh Lò Văn Sinh"
PRODUCT = "Tương ớt bản Sín Chải"
PRICE = 185_000  # đồng, one 250 ml jar
QUANTITY = 2
ASKED = "Ghi rõ số nhà trong địa chỉ giúp."
FIXED_ADDRESS = "Số 7, bản Sín Chải"


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
        "viewport": PHONE,
    }


@pytest.fixture
def demo_mailbox(
    settings: Any, live_server: Any, celery_worker: Any, worker_mail_dir: Path
) -> None:
    """The demo's e-mail (as in tests/test_web_journeys.py): this server and the real Celery
    worker keep .eml files in one folder, read at the demo mailbox."""
    settings.DEMO_MODE = True
    settings.EMAIL_BACKEND = "marketplace.mail.EmlFileBackend"
    settings.EMAIL_FILE_PATH = worker_mail_dir
    settings.OCOP_PUBLIC_URL = live_server.url


class AxePerPage:
    """One axe pass per distinct page (its path without ids, and its heading), at the phone
    width."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def check(self, page: Page, state: str = "") -> None:
        """`state` names another state of the same page worth its own pass (a note shown)."""
        path = page.url.split("://", 1)[1].split("?", 1)[0]
        # (a wizard step's number names a page; any other number or token is an id)
        path = re.sub(r"(?<!dang-ky)/(\d+|[0-9a-f-]{32,}|[\w.:-]{40,})(?=/)", "/<id>", path)
        # (and one address shows the wizard's first step, the status or the stall's home)
        key = f"{path} {page.locator('h1').first.inner_text()} {state}"
        if key in self.seen:
            return
        self.seen.add(key)
        assert page.viewport_size == PHONE
        assert serious_violations(page) == [], page.url
        # and nothing is wider than the phone
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], page.url


def _files(folder: Path) -> dict[str, Path]:
    made = {
        "licence": ("giay-dang-ky-ho-kinh-doanh.pdf", factories.PDF_BYTES),
        "photo": ("tuong-ot.png", factories.image_bytes(size=(64, 64))),
        "scan": ("chung-nhan-ocop.pdf", factories.PDF_BYTES),
    }
    paths = {}
    for key, (name, content) in made.items():
        paths[key] = folder / name
        paths[key].write_bytes(content)
    return paths


def _sign_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def _menu(page: Page, name: str) -> None:
    """A link of the seller centre's menu."""
    page.get_by_role("navigation", name="Kênh người bán").get_by_role(
        "link", name=name, exact=True
    ).click()


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Lưu và tiếp tục").click()


def _open_mail(page: Page, base_url: str, subject_part: str, axe: AxePerPage) -> None:
    """The demo mailbox, reloaded as a person would until the e-mail (sent by the Celery
    worker after the commit) is there; then open it."""
    link = page.get_by_role("link", name=subject_part)
    for _ in range(60):
        page.goto(base_url + "/demo/hop-thu/")
        if link.count():
            break
        page.wait_for_timeout(500)
    axe.check(page)
    link.first.click()


def _expected_money(seller: Seller, product: Product, order: Order) -> dict[str, int]:
    """What the ledger must show, from the order's goods and the payout ledger's rules: the
    seller's commission rate (its own, its product group's, or the platform's) on the goods,
    and, for a household business, Decree 117's VAT and PIT withheld on the goods; delivery
    bears neither."""
    goods = PRICE * QUANTITY
    rate = CommissionRates().rate(seller, product.category_id)
    vat = round_vnd(goods * Decimal(django_settings.OCOP_HOUSEHOLD_VAT_RATE))
    pit = round_vnd(goods * Decimal(django_settings.OCOP_HOUSEHOLD_PIT_RATE))
    total = goods + order.shipping_price_amount
    commission = round_vnd(goods * rate)
    return {
        "sales": total,
        "commission": commission,
        "withheld": vat + pit,
        "vat": vat,
        "pit": pit,
        "net": total - commission - vat - pit,
    }


def test_it_takes_a_producer_from_sign_up_to_a_delivered_sale_in_the_ledger(
    live_server: Any,
    demo_catalog: None,
    demo_mailbox: None,
    new_context: Any,
    settings: Any,
    tmp_path: Path,
) -> None:
    base = live_server.url
    axe = AxePerPage()
    files = _files(tmp_path)
    officer = factories.officer(DIEN_BIEN)
    ward = first_ward_name(DIEN_BIEN)
    producer = new_context().new_page()
    officer_page = new_context().new_page()
    buyer = new_context().new_page()

    # --- The producer finds the seller centre from the shop and signs up ---------------------
    producer.goto(base + "/")
    axe.check(producer)
    producer.get_by_role("link", name="Bán hàng trên Chợ OCOP").click()
    expect(producer).to_have_url(re.compile(r"/dang-nhap/\?next="))
    axe.check(producer)
    producer.get_by_role("link", name="Tạo tài khoản").click()
    axe.check(producer)
    producer.get_by_label("Tên", exact=True).fill("Sinh")
    producer.get_by_label("Họ").fill("Lò Văn")
    producer.get_by_label("Email").fill(PRODUCER_EMAIL)
    producer.get_by_label("Mật khẩu").fill(PRODUCER_PASSWORD)
    producer.get_by_role("button", name="Tạo tài khoản").click()

    # --- The wizard: type, legal data, bank, a document, send --------------------------------
    expect(producer.get_by_role("heading", level=1)).to_have_text("Loại chủ thể")
    axe.check(producer)
    producer.get_by_label("Hộ kinh doanh (HKD)").check()
    _continue(producer)
    expect(producer.get_by_role("heading", level=1)).to_have_text("Thông tin pháp lý")
    axe.check(producer)
    producer.get_by_label("Tên pháp lý").fill(STALL)
    producer.get_by_label("Số đăng ký kinh doanh").fill("62A8012345")
    producer.get_by_label("Mã số thuế").fill("5600987654")
    producer.get_by_label("Tỉnh thành").select_option(label="Điện Biên")
    producer.get_by_label("Phường, xã").fill(ward)
    producer.get_by_label("Địa chỉ (thôn, bản, số nhà)").fill("Bản Sín Chải")
    producer.get_by_label("Số điện thoại").fill("0912 345 678")
    _continue(producer)
    expect(producer.get_by_role("heading", level=1)).to_have_text("Tài khoản ngân hàng")
    axe.check(producer)
    producer.get_by_label("Ngân hàng").fill("Agribank Điện Biên")
    producer.get_by_label("Số tài khoản").fill("8800 2026 1234")
    producer.get_by_label("Chủ tài khoản").fill("Lò Văn Sinh")
    _continue(producer)
    expect(producer.get_by_role("heading", level=1)).to_have_text("Giấy tờ của bạn")
    producer.get_by_label("Loại giấy tờ").select_option(label="Giấy chứng nhận đăng ký kinh doanh")
    producer.get_by_label("Tệp").set_input_files(str(files["licence"]))
    producer.get_by_role("button", name="Tải lên").click()
    expect(producer.locator(".document-list li")).to_have_count(1)
    axe.check(producer)
    producer.get_by_role("link", name="Tiếp tục").click()
    expect(producer.get_by_role("heading", level=1)).to_have_text("Xem lại và gửi")
    axe.check(producer)
    producer.get_by_role("button", name="Gửi hồ sơ").click()
    expect(producer.get_by_text("Đã gửi. Cán bộ OCOP của tỉnh đang xem hồ sơ.")).to_be_visible()
    axe.check(producer)
    seller = Seller.objects.get(members__user__email=PRODUCER_EMAIL)
    assert (seller.status, seller.kind) == (SellerStatus.SUBMITTED, SellerKind.HKD)

    # --- The Điện Biên officer asks for a change -------------------------------------------
    officer_page.goto(base + "/can-bo/")
    _sign_in(officer_page, officer.email, OFFICER_PASSWORD)
    expect(officer_page.get_by_role("heading", level=1)).to_have_text("Hồ sơ chờ duyệt")
    axe.check(officer_page)
    officer_page.get_by_role("link", name=STALL).click()
    expect(officer_page.get_by_role("heading", level=1)).to_have_text(STALL)
    axe.check(officer_page)
    # (the document opens from the page, served to this officer only)
    pdf = officer_page.get_by_role("link", name=re.compile("Mở tệp PDF"))
    served = officer_page.request.get(base + (pdf.get_attribute("href") or ""))
    assert (served.status, served.headers["content-type"]) == (200, "application/pdf")
    officer_page.get_by_label("Lý do (gửi cho chủ thể)").fill(ASKED)
    officer_page.get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(officer_page.get_by_role("status")).to_have_text("Đã ghi nhận quyết định.")

    # --- The producer reads it inline, fixes the address, sends again -----------------------
    producer.reload()
    expect(producer.locator(".officer-note blockquote")).to_have_text(ASKED)
    axe.check(producer, "the officer's note")
    producer.get_by_role("link", name="Sửa và gửi lại").click()
    expect(producer.locator(".officer-note blockquote")).to_have_text(ASKED)
    axe.check(producer, "the officer's note")
    expect(producer.get_by_label("Hộ kinh doanh (HKD)")).to_be_checked()
    _continue(producer)
    producer.get_by_label("Địa chỉ (thôn, bản, số nhà)").fill(FIXED_ADDRESS)
    _continue(producer)
    _continue(producer)  # the bank account, unchanged
    producer.get_by_role("link", name="Tiếp tục").click()  # the document, kept
    expect(producer.locator(".review-block").first).to_contain_text(FIXED_ADDRESS)
    producer.get_by_role("button", name="Gửi hồ sơ").click()
    expect(producer.get_by_text("Đã gửi. Cán bộ OCOP của tỉnh đang xem hồ sơ.")).to_be_visible()

    # --- The officer approves ----------------------------------------------------------------
    officer_page.get_by_role("link", name="Quay lại hàng chờ").click()
    officer_page.get_by_role("link", name=STALL).click()
    expect(officer_page.locator(".facts")).to_contain_text(FIXED_ADDRESS)
    officer_page.get_by_role("button", name="Duyệt").click()
    expect(officer_page.get_by_role("status")).to_have_text("Đã ghi nhận quyết định.")
    seller.refresh_from_db()
    assert seller.status == SellerStatus.APPROVED

    # --- The producer lists a product with a photo and a certificate scan -------------------
    producer.reload()
    expect(producer.get_by_text("Đã duyệt: gian hàng của bạn đã mở.")).to_be_visible()
    axe.check(producer)
    _menu(producer, "Sản phẩm")
    axe.check(producer)
    producer.get_by_role("link", name="Thêm sản phẩm").click()
    axe.check(producer)
    producer.get_by_label("Tên sản phẩm").fill(PRODUCT)
    producer.get_by_label("Nhóm sản phẩm", exact=True).select_option(label="Nước mắm và gia vị")
    producer.get_by_label("Câu chuyện và mô tả").fill(
        "Ớt rừng và tỏi bản Sín Chải, ủ theo cách của người Mông."
    )
    producer.get_by_label("Loại hàng (ví dụ hũ 500 g)").fill("Hũ 250 ml")
    producer.get_by_label("Giá (đồng)").fill(str(PRICE))
    producer.get_by_label("Còn hàng").fill("20")
    producer.get_by_label("Thêm ảnh").set_input_files(str(files["photo"]))
    producer.get_by_label("Bản quét giấy chứng nhận (PDF hoặc ảnh)").set_input_files(
        str(files["scan"])
    )
    producer.get_by_label("Số quyết định").fill("1520/QĐ-UBND")
    decided = timezone.localdate() - datetime.timedelta(days=75)
    producer.get_by_label("Ngày quyết định").fill(decided.isoformat())
    producer.get_by_label("Đơn vị cấp").fill("UBND tỉnh Điện Biên")
    producer.get_by_label("Số sao").fill("4")
    producer.get_by_label("Cấp ban hành").select_option("province")
    producer.get_by_label("Nhóm sản phẩm OCOP").select_option("thuc-pham")
    producer.get_by_label("Công khai trên cửa hàng (hiển thị khi chứng nhận được xác minh)").check()
    producer.get_by_role("button", name="Lưu sản phẩm").click()
    expect(producer.get_by_text("Đã lưu sản phẩm.")).to_be_visible()
    axe.check(producer)
    product = Product.objects.get(name=PRODUCT)
    assert product.seller_id == seller.pk and product.media.count() == 1
    assert product.category is not None and product.category.name == "Nước mắm và gia vị"
    certificate = product.certificates.get()
    assert certificate.status == CertificateStatus.PENDING and certificate.scan

    # --- The officer verifies the certificate ------------------------------------------------
    officer_page.get_by_role("link", name="Quay lại hàng chờ").click()
    officer_page.get_by_role("link", name=f"{PRODUCT} · 1520/QĐ-UBND").click()
    axe.check(officer_page)
    scan = officer_page.get_by_role("link", name=re.compile("Mở tệp PDF"))
    served = officer_page.request.get(base + (scan.get_attribute("href") or ""))
    assert (served.status, served.headers["content-type"]) == (200, "application/pdf")
    officer_page.get_by_role("button", name="Xác minh").click()
    expect(officer_page.get_by_role("status")).to_have_text("Đã ghi nhận quyết định.")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VERIFIED

    # --- The product is on the storefront: search, then its page -----------------------------
    buyer.goto(base + "/")
    buyer.get_by_role("searchbox").fill("tuong ot sin chai")
    buyer.get_by_role("searchbox").press("Enter")
    expect(buyer.locator("main")).to_contain_text(PRODUCT)
    axe.check(buyer)
    buyer.locator("main").get_by_role("link", name=PRODUCT).first.click()
    expect(buyer.get_by_role("heading", level=1)).to_have_text(PRODUCT)
    expect(buyer.locator(".buy-box")).to_contain_text(format_vnd(PRICE))
    expect(buyer.locator(".ocop-panel")).to_contain_text("1520/QĐ-UBND")
    axe.check(buyer)

    # --- A buyer orders two jars, cash on delivery --------------------------------------------
    buyer.get_by_label("Số lượng").fill(str(QUANTITY))
    buyer.get_by_role("button", name="Thêm vào giỏ").click()
    expect(buyer.locator("#cart-link .cart-count")).to_have_text(str(QUANTITY))
    buyer.locator("#cart-link").click()
    expect(buyer.locator(".cart-group")).to_have_count(1)
    axe.check(buyer)
    buyer.get_by_role("link", name="Thanh toán").click()
    buyer.locator("#id_email").fill("khach.sinh@ocop.test")
    buyer.locator("#id_name").fill("Quàng Thị Mai")
    buyer.locator("#id_phone").fill("0987 654 321")
    buyer.locator("#id_province").fill("Điện Biên")
    buyer.locator("#id_ward").fill("Điện Biên Phủ")
    buyer.locator("#id_street").fill("12 Trần Phú")
    expect(buyer.get_by_label("Thanh toán khi nhận hàng")).to_be_checked()
    axe.check(buyer)
    buyer.locator("button.place-order").click()
    expect(buyer).to_have_url(re.compile("/thanh-toan/xac-nhan/"))
    order = Order.objects.get(seller=seller)
    expect(buyer.locator("main")).to_contain_text(f"#{order.number}")
    axe.check(buyer)

    # --- The producer, told by e-mail, confirms, ships and marks it delivered ---------------
    _open_mail(producer, base, f"Đơn hàng mới #{order.number}", axe)
    axe.check(producer)
    expect(producer.locator(".mail-body")).to_contain_text(PRODUCT)
    producer.goto(base + "/kenh-nguoi-ban/")
    _menu(producer, "Đơn hàng")
    axe.check(producer)
    producer.get_by_role("link", name=f"#{order.number}").click()
    expect(producer.get_by_role("heading", level=1)).to_have_text(f"Đơn hàng #{order.number}")
    axe.check(producer)
    producer.get_by_role("button", name="Xác nhận đơn hàng").click()
    expect(producer.get_by_text("Đã xác nhận đơn hàng. Hãy đóng gói và gửi hàng.")).to_be_visible()
    producer.get_by_label("Đơn vị vận chuyển").fill("Viettel Post")
    producer.get_by_label("Mã vận đơn").fill("VTP2026120188")
    producer.get_by_label("Mã vận đơn").press("Enter")
    shipped = "Đã gửi hàng. Người mua có thể theo dõi kiện hàng."
    expect(producer.get_by_text(shipped)).to_be_visible()
    expect(producer.locator("strong", has_text="VTP2026120188")).to_be_visible()
    producer.get_by_role("button", name="Đánh dấu đã giao").click()
    expect(producer.get_by_text("Đã đánh dấu đã giao.")).to_be_visible()
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED and order.delivered_at is not None

    # --- The money page: the sale, the commission and the withholding, to the đồng ----------
    money = _expected_money(seller, product, order)
    # (2 × 185.000 ₫ of goods + 30.000 ₫ of standard delivery; the platform's 5% commission
    # on the goods, as neither the stall nor its product group has a rate of its own; 1% VAT
    # and 0.5% PIT withheld on the goods for a household business)
    assert money == {
        "sales": 400_000,
        "commission": 18_500,
        "withheld": 5_550,
        "vat": 3_700,
        "pit": 1_850,
        "net": 375_950,
    }
    _menu(producer, "Tiền bán hàng")
    axe.check(producer)
    expect(producer.locator(".money-balance")).to_contain_text(format_vnd(money["net"]))
    month = producer.locator(".money-table tbody tr").first
    for key in ("sales", "commission", "withheld", "net"):
        expect(month).to_contain_text(format_vnd(money[key]))
    entry = producer.locator(".money-entries li").first
    expect(entry).to_contain_text(f"Đơn hàng #{order.number}")
    for label, key in (
        ("Doanh thu", "sales"),
        ("Hoa hồng", "commission"),
        ("Thuế GTGT khấu trừ", "vat"),
        ("Thuế TNCN khấu trừ", "pit"),
    ):
        expect(entry).to_contain_text(f"{label} {format_vnd(money[key])}")
    earning = LedgerEntry.objects.get(order=order, kind=LedgerEntryKind.EARNING)
    assert (earning.gross_amount, earning.commission_amount, earning.amount) == (
        money["sales"],
        money["commission"],
        money["net"],
    )
