"""Featured collections in the officer console in a real Chromium: a phone, htmx's picker,
the no-JS move buttons, the schedule in Viet Nam time, the preview, and axe."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import Page

from catalog.models import Collection, CollectionProduct
from tests import factories
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in
from tests.helpers.officer import DIEN_BIEN

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _honey(name: str) -> Any:
    return factories.product(owner=factories.seller(province_code=DIEN_BIEN), name=name)


def _members(collection: Collection) -> list[int]:
    return list(
        CollectionProduct.objects.filter(collection=collection)
        .order_by("sort_order", "pk")
        .values_list("product_id", flat=True)
    )


def _pick(page: Page, letters: str, name: str) -> None:
    """Type in the picker (htmx asks as one types) and add the product named."""
    box = page.locator("#picker-text")
    box.fill("")
    box.press_sequentially(letters, delay=30)
    button = page.locator("#picker-results li", has_text=name).get_by_role("button")
    button.wait_for(timeout=10_000)
    with page.expect_navigation():
        button.click()


def test_it_curates_a_collection_on_a_phone(live_server: Any, page: Page) -> None:
    # given two honeys and a tea on sale in Điện Biên, and the province's officer
    hoa_ban = _honey("Mật ong hoa ban")
    rung = _honey("Mật ong rừng Mường Phăng")
    _honey("Chè Shan tuyết")
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    sign_in(page, factories.officer(DIEN_BIEN), live_server.url)
    # when the officer creates a collection from the menu
    page.goto(live_server.url + "/can-bo/bo-suu-tap/")
    with page.expect_navigation():
        page.get_by_role("link", name="Bộ sưu tập mới").click()
    page.locator("#id_name").fill("Quà Tết Điện Biên")
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo bộ sưu tập").click()
    collection = Collection.objects.get()
    assert page.locator("[role=status]").inner_text() == "Đã lưu."
    # and adds two honeys by typing without accents in the picker
    _pick(page, "mat ong", "Mật ong rừng")
    assert page.locator("#picker-text").input_value() == ""
    _pick(page, "hoa ban", "Mật ong hoa ban")
    assert _members(collection) == [rung.pk, hoa_ban.pk]
    # and moves the second up
    with page.expect_navigation():
        page.get_by_role("button", name="Chuyển lên Mật ong hoa ban").click()
    assert _members(collection) == [hoa_ban.pk, rung.pk]
    names = page.locator(".collection-product-name").all_inner_texts()
    assert [n.split(" · ")[0] for n in names] == ["Mật ong hoa ban", "Mật ong rừng Mường Phăng"]
    # and schedules it from next year's Tết week, in Viet Nam time
    year = datetime.date.today().year + 1
    page.locator("#id_starts_at").fill(f"{year}-02-01T08:00")
    page.locator("#id_ends_at").fill(f"{year}-02-20T22:00")
    page.locator("#id_is_published").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu", exact=True).click()
    collection.refresh_from_db()
    assert collection.starts_at == datetime.datetime(year, 2, 1, 1, 0, tzinfo=datetime.UTC)
    assert page.locator("#id_starts_at").input_value() == f"{year}-02-01T08:00"
    # then the shop does not show it yet, but the preview does, in the curators' order
    assert page.goto(live_server.url + f"/bo-suu-tap/{collection.slug}/").status == 404
    page.goto(live_server.url + f"/can-bo/bo-suu-tap/{collection.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Xem trước như trên cửa hàng").click()
    assert page.locator("h1").inner_text() == "Quà Tết Điện Biên"
    assert "Đã lên lịch" in page.locator(".collection-preview-note").inner_text()
    cards = page.locator(".card-name").all_inner_texts()
    assert cards == ["Mật ong hoa ban", "Mật ong rừng Mường Phăng"]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_it_has_no_serious_axe_violation_on_the_collection_pages(
    live_server: Any, page: Page, viewport: dict[str, int]
) -> None:
    # given a collection with two honeys and the province's officer
    collection = Collection.objects.create(
        name="Đặc sản Điện Biên",
        slug="dac-san-dien-bien",
        is_featured=True,
        province=factories.province(DIEN_BIEN),
    )
    for position, name in enumerate(("Mật ong hoa ban", "Mật ong rừng")):
        CollectionProduct.objects.create(
            collection=collection, product=_honey(name), sort_order=position
        )
    _honey("Mật ong bạc hà")
    page.set_viewport_size({"width": viewport["width"], "height": viewport["height"]})
    sign_in(page, factories.officer(DIEN_BIEN), live_server.url)
    # then the list, the new form, the edit page with picker results and the preview pass axe
    for path in (
        "/can-bo/bo-suu-tap/",
        "/can-bo/bo-suu-tap/moi/",
        f"/can-bo/bo-suu-tap/{collection.pk}/?q=mat+ong",
        f"/can-bo/bo-suu-tap/{collection.pk}/xem-truoc/",
    ):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200
        assert serious_violations(page) == [], path
    # and so does the form showing its errors
    page.goto(live_server.url + f"/can-bo/bo-suu-tap/{collection.pk}/")
    page.locator("#id_name").fill("")
    page.locator("#id_starts_at").fill("2027-02-10T08:00")
    page.locator("#id_ends_at").fill("2027-02-01T08:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu", exact=True).click()
    assert page.locator(".error-summary").is_visible()
    assert serious_violations(page) == []
