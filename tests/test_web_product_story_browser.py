"""The product editor's story, label facts and certificate choice in a real Chromium: on a
360 px phone a producer writes a story with a heading and a photo with the toolbar, fills
the label facts, picks a decision its stall already holds, saves, and the product page
shows them; axe finds nothing serious at 360 and 1280 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from catalog.models import Product, StoryPhoto
from tests import factories
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in
from tests.helpers.product_story import certificate_of, certified_product, food_category

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def test_it_writes_a_story_fills_label_facts_and_picks_a_certificate_on_a_phone(
    live_server: Any, page: Page, settings: Any, tmp_path: Path
) -> None:
    # given a stall owner on a phone whose honey holds a verified decision, and a photo
    factories.isolate_media(settings)
    owner = factories.user()
    seller = factories.seller(owner=owner)
    source = certificate_of(certified_product(seller, name="Mật ong hoa ban"))
    category = food_category()
    picture = tmp_path / "to-ong.png"
    picture.write_bytes(factories.image_bytes(size=(64, 64)))
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    sign_in(page, owner, live_server.url)
    # when the owner opens a new product
    page.goto(live_server.url + "/kenh-nguoi-ban/san-pham/moi/")
    assert serious_violations(page) == []
    page.get_by_label("Tên sản phẩm").fill("Mật ong bạc hà")
    page.locator("#f_category").select_option(str(category.pk))
    # and writes the story with the toolbar: a heading, a paragraph and a photo
    story = page.get_by_role("textbox", name="Câu chuyện và mô tả")
    story.click()
    page.keyboard.type("Mùa hoa bạc hà")
    page.get_by_role("button", name="Tiêu đề", exact=True).click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Đoạn văn").click()
    page.keyboard.type("Mật ong từ cao nguyên đá Đồng Văn.")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Ảnh", exact=True).click()
    chooser.value.set_files(str(picture))
    expect(story.locator("img")).to_have_count(1)
    # and fills the label facts a food product asks for (a craft's are hidden)
    expect(page.get_by_label("Chất liệu")).to_be_hidden()
    page.get_by_label("Khối lượng hoặc thể tích tịnh").fill("250 g")
    page.get_by_label("Thành phần").fill("Mật ong hoa bạc hà 100%")
    page.get_by_label("Hạn sử dụng").fill("24 tháng")
    page.get_by_label("Bảo quản").fill("Nơi khô mát")
    page.get_by_label("Nhà sản xuất").fill("HTX Đồng Văn")
    page.locator("#f_variant_0_name").fill("Hũ 250 g")
    page.locator("#f_variant_0_price").fill("95000")
    page.locator("#f_variant_0_quantity").fill("8")
    # and picks the decision the stall already holds instead of a new scan
    page.locator(f'input[name="cert-existing"][value="{source.pk}"]').check()
    page.get_by_label("Công khai trên cửa hàng (hiển thị khi chứng nhận được xác minh)").check()
    page.get_by_role("button", name="Lưu sản phẩm").click()
    # then it is saved
    expect(page.get_by_text("Đã lưu sản phẩm.")).to_be_visible()
    assert serious_violations(page) == []
    product = Product.objects.get(name="Mật ong bạc hà")
    photo = StoryPhoto.objects.get(product=product)
    assert product.story.startswith("<h2>Mùa hoa bạc hà</h2>\n<p>Mật ong từ cao nguyên đá")
    assert f'<img src="/anh-cau-chuyen/{photo.pk}/"' in product.story
    assert product.certificates.get().source_id == source.pk
    # and the product page shows the story, its photo and the label facts
    page.goto(live_server.url + f"/p/{product.slug}/")
    expect(page.get_by_role("heading", name="Mùa hoa bạc hà")).to_be_visible()
    expect(page.locator(".story img")).to_have_attribute("src", f"/anh-cau-chuyen/{photo.pk}/")
    facts = page.locator("table.facts")
    expect(facts.get_by_role("row", name="Khối lượng hoặc thể tích tịnh 250 g")).to_be_visible()
    expect(facts.get_by_role("row", name="Nhà sản xuất HTX Đồng Văn")).to_be_visible()
    assert serious_violations(page) == []
    # and at laptop width the editor and the product page pass axe too
    page.set_viewport_size({"width": LAPTOP["width"], "height": LAPTOP["height"]})
    assert serious_violations(page) == []
    page.goto(live_server.url + f"/kenh-nguoi-ban/san-pham/{product.pk}/")
    expect(page.get_by_role("textbox", name="Câu chuyện và mô tả").locator("h2")).to_have_text(
        "Mùa hoa bạc hà"
    )
    assert serious_violations(page) == []
