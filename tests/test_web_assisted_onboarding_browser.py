"""Journey 2 of issue 12 in a real Chromium: an officer onboards a household without e-mail,
creates its first product on its behalf and prints its activation card; the household opens
the card's link on a 360×740 phone, chooses its password and signs in with its phone number;
the stall's activity log and the officers' audit log say it was done "on behalf of" it. And
axe on every page of the feature, at 360 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from accounts.models import User
from catalog.models import Product, ProductType
from sellers.models import OnBehalfAction, Seller
from tests import factories
from tests.helpers.assisted import DIEN_BIEN, assisted_stall
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in
from tests.helpers.pdf_text import pdf_text
from web.officer import assisted_card

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "hoa-ban-trang-2026"


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _phone_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    return context.new_page()


def _print_card(page: Page) -> bytes:
    """Click the print button and keep the PDF the server answered (Chromium shows it in its
    viewer, whose page replaces the bytes, so they are taken on the way in)."""
    received: list[Any] = []

    def keep(route: Any) -> None:
        answer = route.fetch()
        received.append(answer)
        route.fulfill(response=answer)

    page.route("**/the-kich-hoat/", keep)
    with page.expect_navigation():
        page.get_by_role("button", name="In thẻ kích hoạt (PDF)").click()
    page.unroute("**/the-kich-hoat/")
    [answer] = received
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    body: bytes = answer.body()
    return body


def test_it_onboards_a_household_that_then_activates_and_signs_in_by_phone(
    live_server: Any, page: Page, browser: Browser, settings: Any, monkeypatch: Any
) -> None:
    # given a Điện Biên officer, links built on this server, and a card whose text is readable
    settings.OCOP_PUBLIC_URL = live_server.url
    monkeypatch.setattr(assisted_card, "COMPRESS", False)
    ProductType.objects.get_or_create(slug="ocop-goods", defaults={"name": "OCOP"})
    officer = factories.officer(DIEN_BIEN)
    page.set_viewport_size(LAPTOP)
    sign_in(page, officer, live_server.url)
    # when the officer onboards a household with a phone number and no e-mail
    page.goto(live_server.url + "/can-bo/ho-tro/")
    page.get_by_role("link", name="Đăng ký cho một hộ").click()
    page.get_by_label("Họ và tên đệm").fill("Lò Văn")
    page.get_by_label("Tên", exact=True).fill("A")
    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    page.get_by_label("Tên pháp lý").fill("Hộ kinh doanh Lò Văn A")
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo tài khoản và hồ sơ gian hàng").click()
    # then the stall's page shows the household, not yet activated
    seller = Seller.objects.get(legal_name="Hộ kinh doanh Lò Văn A")
    assert page.url == f"{live_server.url}/can-bo/ho-tro/{seller.pk}/"
    assert "0912 345 678" in page.locator(".assisted-facts").inner_text()
    # when the officer creates the stall's first product with the editor
    page.get_by_role("link", name="Tạo sản phẩm cho gian hàng này").click()
    assert "Bạn đang thao tác thay cho" in page.locator(".on-behalf-banner").inner_text()
    page.locator("#f_name").fill("Mật ong hoa ban")
    page.locator("#f_variant_0_name").fill("Hũ 500 g")
    page.locator("#f_variant_0_price").fill("150000")
    page.locator("#f_variant_0_quantity").fill("12")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu sản phẩm").click()
    product = Product.objects.get(seller=seller)
    assert page.url == f"{live_server.url}/can-bo/ho-tro/{seller.pk}/san-pham/{product.pk}/"
    # when the officer prints the activation card
    page.goto(f"{live_server.url}/can-bo/ho-tro/{seller.pk}/")
    card = _print_card(page)
    assert card.startswith(b"%PDF-")
    text = pdf_text(card).replace("\n", "")
    link = text[text.index(live_server.url) :].split("1. ")[0]
    assert "/kich-hoat/" in link and f"/URI ({link})".encode() in card
    # when the household opens the card's link on its phone and chooses a password
    phone = _phone_page(browser)
    phone.goto(link)
    assert serious_violations(phone) == []
    assert "0912 345 678" in phone.locator(".activation-identifier").inner_text()
    phone.get_by_label("Mật khẩu mới").fill(PASSWORD)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Lưu mật khẩu và mở gian hàng").click()
    # then it is signed in, in its seller centre
    assert phone.url == f"{live_server.url}/kenh-nguoi-ban/"
    assert User.objects.get(login_phone="+84912345678").check_password(PASSWORD)
    # and the card's link is spent
    phone.goto(link)
    assert "Liên kết kích hoạt không hợp lệ" in phone.locator("main").inner_text()
    # when, on a fresh phone, the household signs in with its number as written
    again = _phone_page(browser)
    again.goto(live_server.url + "/dang-nhap/?next=/kenh-nguoi-ban/nhat-ky/")
    again.get_by_label("Email hoặc số điện thoại").fill("0912 345 678")
    again.get_by_label("Mật khẩu").fill(PASSWORD)
    with again.expect_navigation():
        again.get_by_role("button", name="Đăng nhập").click()
    # then its activity log says what the officer did on its behalf
    assert again.url == f"{live_server.url}/kenh-nguoi-ban/nhat-ky/"
    log = again.locator(".on-behalf-list").inner_text()
    assert "Tạo gian hàng" in log and "Tạo sản phẩm: Mật ong hoa ban" in log
    assert "In thẻ kích hoạt" in log and "thay mặt gian hàng" in log
    assert serious_violations(again) == []
    # and so does the officers' audit log
    page.goto(live_server.url + "/can-bo/nhat-ky/?loai=on_behalf")
    audit = page.locator(".audit-list").inner_text()
    assert audit.count("thay mặt gian hàng") == 3
    assert sorted(OnBehalfAction.objects.values_list("kind", flat=True)) == [
        "card_printed",
        "product_created",
        "stall_created",
    ]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_it_has_no_serious_axe_violation_on_the_assisted_pages(
    live_server: Any, page: Page, viewport: dict[str, int]
) -> None:
    # given a stall onboarded by a Điện Biên officer, with a product
    officer = factories.officer(DIEN_BIEN)
    seller = assisted_stall(officer)
    product = factories.product(owner=seller)
    page.set_viewport_size(viewport)
    sign_in(page, officer, live_server.url)
    # then the officer's pages pass axe
    for path in (
        "/can-bo/ho-tro/",
        "/can-bo/ho-tro/moi/",
        f"/can-bo/ho-tro/{seller.pk}/",
        f"/can-bo/ho-tro/{seller.pk}/san-pham/moi/",
        f"/can-bo/ho-tro/{seller.pk}/san-pham/{product.pk}/",
        "/can-bo/nhat-ky/",
    ):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        assert serious_violations(page) == [], path
    # and the onboarding form with its errors
    page.goto(live_server.url + "/can-bo/ho-tro/moi/")
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo tài khoản và hồ sơ gian hàng").click()
    assert page.locator(".error-summary").is_visible()
    assert serious_violations(page) == []
    # and the household's pages: its activity log and the sign-in page
    owner = seller.members.get().user
    page.context.clear_cookies()
    page.goto(live_server.url + "/dang-nhap/")
    assert serious_violations(page) == []
    sign_in(page, owner, live_server.url)
    page.goto(live_server.url + "/kenh-nguoi-ban/nhat-ky/")
    assert serious_violations(page) == []
