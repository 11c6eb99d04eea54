"""The seller centre's products in a real Chromium: on a 360 px phone a producer creates a
product with a photo, a variant and a certificate scan, then quick-edits its price in the
list; axe finds nothing serious at 360 and 1280 px."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from catalog.models import CertificateStatus, Product, ProductVariantChannelListing
from tests import factories
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def test_it_creates_a_product_on_a_phone_and_quick_edits_its_price(
    live_server: Any, page: Page, settings: Any, tmp_path: Path
) -> None:
    # given a stall owner signed in on a phone, and a photo and a scan on the phone
    factories.isolate_media(settings)
    owner = factories.user()
    seller = factories.seller(owner=owner)
    factories.product(owner=seller, name="Chè Shan tuyết")
    photo = tmp_path / "mat-ong.png"
    photo.write_bytes(factories.image_bytes(size=(64, 64)))
    scan = tmp_path / "chung-nhan.pdf"
    scan.write_bytes(factories.PDF_BYTES)
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    sign_in(page, owner, live_server.url)
    # when the owner opens the editor from the list and fills it in
    page.goto(live_server.url + "/kenh-nguoi-ban/san-pham/")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Thêm sản phẩm").click()
    assert serious_violations(page) == []
    page.get_by_label("Tên sản phẩm").fill("Mật ong hoa ban")
    page.get_by_label("Câu chuyện và mô tả").fill("Mật ong rừng Điện Biên.")
    page.locator("#f_variant_0_name").fill("Hũ 500 g")
    page.locator("#f_variant_0_price").fill("150000")
    page.locator("#f_variant_0_quantity").fill("12")
    page.get_by_label("Thêm ảnh").set_input_files(str(photo))
    page.get_by_label("Bản quét giấy chứng nhận (PDF hoặc ảnh)").set_input_files(str(scan))
    page.locator("#f_cert_decision_number").fill("12/QĐ-UBND")
    decided = timezone.localdate() - datetime.timedelta(days=20)
    page.locator("#f_cert_decision_date").fill(decided.isoformat())
    page.locator("#f_cert_issuer_name").fill("UBND tỉnh Điện Biên")
    page.locator("#f_cert_stars").fill("4")
    page.get_by_label("Cấp ban hành").select_option("province")
    page.get_by_label("Nhóm sản phẩm OCOP").select_option("thuc-pham")
    page.get_by_label("Công khai trên cửa hàng (hiển thị khi chứng nhận được xác minh)").check()
    page.get_by_role("button", name="Lưu sản phẩm").click()
    # then the product is saved with its photo, variant and pending certificate
    assert page.get_by_text("Đã lưu sản phẩm.").is_visible()
    assert serious_violations(page) == []
    product = Product.objects.get(name="Mật ong hoa ban")
    assert product.media.count() == 1
    assert product.certificates.get().status == CertificateStatus.PENDING
    variant = product.variants.get()
    # when the owner changes its price from the list
    page.goto(live_server.url + "/kenh-nguoi-ban/san-pham/")
    row = page.locator(f"#variant-{variant.pk}")
    assert row.get_by_text("Chưa hiển thị: chưa có chứng nhận OCOP đã xác minh (từ 3★)")
    row.get_by_label("Giá (đồng)").fill("135000")
    row.get_by_role("button").click()
    # then the row says it is saved, in place, and the price changed
    page.locator(f"#variant-{variant.pk}").get_by_text("Đã lưu giá và tồn kho.").wait_for()
    assert ProductVariantChannelListing.objects.get(variant=variant).price_amount == 135_000
    assert serious_violations(page) == []


def test_it_shows_the_products_pages_at_laptop_width_with_no_serious_axe_violation(
    live_server: Any, page: Page
) -> None:
    # given a stall owner with a product, at laptop width
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    page.set_viewport_size({"width": LAPTOP["width"], "height": LAPTOP["height"]})
    sign_in(page, owner, live_server.url)
    # then the list, the new-product editor and the product's editor pass axe
    for path in (
        "/kenh-nguoi-ban/san-pham/",
        "/kenh-nguoi-ban/san-pham/moi/",
        f"/kenh-nguoi-ban/san-pham/{product.pk}/",
    ):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200
        assert page.locator("h1").count() == 1
        assert serious_violations(page) == []
