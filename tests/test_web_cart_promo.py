"""The web cart's promo-code field: a voucher or gift card applied with the API's domain
code (checkout.promo_codes), shown in the totals, refused next to the field, removable."""

from __future__ import annotations

from typing import Any

from django.test import Client

from promotions.models import CheckoutPromoCode
from tests import factories
from tests.helpers.cart import CART, HTMX, add, cart_page, read_cart
from tests.helpers.html_checks import read_page
from tests.helpers.promotions import gift_card, voucher

PROMO = "/gio-hang/ma-giam-gia/"
PROMO_REMOVE = "/gio-hang/ma-giam-gia/xoa/"


def _cart(client: Client) -> None:
    """2 honeys of a Điện Biên seller (120.000 ₫) and a tea of a Thái Nguyên one (80.000 ₫)."""
    honey_seller, tea_seller = factories.seller(), factories.seller(province_code="19")
    for seller in (honey_seller, tea_seller):
        factories.shipping_method(seller, price=30_000)
    add(client, factories.product(owner=honey_seller, price=120_000).variants.get(), 2)
    add(client, factories.product(owner=tea_seller, price=80_000).variants.get(), 1)


def test_it_applies_a_province_voucher_without_javascript(db: Any) -> None:
    # given a cart and Điện Biên's 10 % voucher
    client = Client()
    _cart(client)
    voucher()
    # when the visitor types the code in lower case and sends the form
    response = client.post(PROMO, {"code": " ocop10 "})
    # then the cart shows the voucher's discount on Điện Biên's goods, in the totals
    assert response.status_code == 302 and response["Location"] == CART
    cart = cart_page(client)
    assert cart.totals == [
        ("Tiền hàng", "320.000 ₫"),
        ("Phí giao hàng", "60.000 ₫"),
        ("Mã giảm giá: Giảm 10% đặc sản Điện Biên", "−24.000 ₫"),
        ("Tổng cộng", "356.000 ₫"),
    ]
    assert cart.messages[-1] == "Đã áp dụng mã."
    # and the page keeps every field labelled
    assert read_page(client.get(CART).content.decode()).unlabelled == []


def test_it_refuses_a_code_next_to_the_field_and_writes_nothing(db: Any) -> None:
    # given a cart and no such code
    client = Client()
    _cart(client)
    # when the visitor sends a wrong code with htmx
    response = client.post(PROMO, {"code": "SAIMA"}, **HTMX)
    # then the cart part answers with the error in the summary and next to the field,
    # keeping what was typed, and no code is attached
    html = response.content.decode()
    assert response.status_code == 200
    assert read_cart(html).errors == ["Mã khuyến mãi không hợp lệ."]
    assert 'id="promo-code-error" class="field-error">Mã khuyến mãi không hợp lệ. </p>' in html
    assert 'value="SAIMA" aria-describedby="promo-code-hint promo-code-error"' in html
    assert CheckoutPromoCode.objects.count() == 0


def test_it_says_why_a_voucher_does_not_apply_in_english(db: Any) -> None:
    # given a cart below the voucher's minimum spend, and an English visitor
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    _cart(client)
    voucher(min_spend_amount=500_000)
    # when the code is sent
    response = client.post(PROMO + "?hl=en", {"code": "OCOP10"})
    # then the reason is given in English
    assert read_cart(response.content.decode()).errors == [
        "This voucher needs at least 500.000 ₫ of eligible products."
    ]


def test_it_pays_with_a_gift_card_and_removes_it(db: Any) -> None:
    # given a cart of 380.000 ₫ and a 50.000 ₫ gift card
    client = Client()
    _cart(client)
    card = gift_card(balance=50_000)
    # when it is applied
    client.post(PROMO, {"code": card.code})
    # then it pays 50.000 ₫ of the total
    assert cart_page(client).totals[-2:] == [
        ("Thẻ quà tặng …ABCD", "−50.000 ₫"),
        ("Tổng cộng", "330.000 ₫"),
    ]
    # and when it is removed (by its id: the page never echoes the whole code back)
    assert card.code not in client.get(CART).content.decode()
    response = client.post(PROMO_REMOVE, {"gift_card": card.pk})
    # then the total is whole again
    assert response.status_code == 302
    assert cart_page(client).totals[-1] == ("Tổng cộng", "380.000 ₫")
    assert CheckoutPromoCode.objects.count() == 0


def test_it_shows_the_discount_on_the_checkout_page(db: Any) -> None:
    # given a cart with the voucher applied
    client = Client()
    _cart(client)
    voucher()
    client.post(PROMO, {"code": "OCOP10"})
    # when the checkout page is opened
    html = client.get("/thanh-toan/").content.decode()
    # then its totals take the voucher off
    assert 'Mã giảm giá: Giảm 10% đặc sản Điện Biên</dt><dd class="price">−24.000 ₫' in html
    assert '<dd class="price price-large">356.000 ₫</dd>' in html


def test_it_answers_404_to_a_visitor_without_a_cart_and_changes_nothing(db: Any) -> None:
    # given someone else's cart with the voucher available
    owner = Client()
    _cart(owner)
    voucher()
    # when a visitor with no cart (anonymous, or signed in) posts a code
    anonymous = Client().post(PROMO, {"code": "OCOP10"})
    signed_in = Client()
    signed_in.force_login(factories.user())
    customer = signed_in.post(PROMO, {"code": "OCOP10"})
    # then nothing is found and no cart carries the code
    assert (anonymous.status_code, customer.status_code) == (404, 404)
    assert CheckoutPromoCode.objects.count() == 0
