"""The web cart: adding from the product page, lines grouped per seller with their delivery
choice and subtotal, quantities changed in place, the domain's errors next to the field,
what changed since an item was added (price, stock, a lapsed certificate), the header's
count, queries constant in the cart's size, and a cart that only its session can change."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import OcopCertificate, ProductVariantChannelListing, Stock
from catalog.tasks import expire_certificates
from checkout.models import Checkout, CheckoutDelivery, CheckoutLine
from tests import factories
from tests.helpers.cart import ADD, CART, HTMX, add, cart_count, cart_page, read_cart
from tests.helpers.html_checks import read_page
from web.cart.context import cart as cart_context_processor
from web.cart.session import checkout_for_update, current_checkout


def _two_sellers() -> tuple[Any, Any]:
    """A honey of a seller in Điện Biên (code 11) and a tea of one in Thái Nguyên (19),
    each seller with a standard and an express delivery method."""
    honey_seller = factories.seller(province_code="11")
    tea_seller = factories.seller(province_code="19")
    for seller in (honey_seller, tea_seller):
        factories.shipping_method(seller, name="Giao tiêu chuẩn", price=30_000)
        factories.shipping_method(
            seller, name="Giao nhanh", price=45_000, service_level="express", is_default=False
        )
    honey = factories.product(owner=honey_seller, price=120_000, stock=10, name="Mật ong hoa ban")
    tea = factories.product(owner=tea_seller, price=80_000, stock=5, name="Chè Tân Cương")
    return honey.variants.get(), tea.variants.get()


def _cart_of(client: Client) -> Checkout:
    return Checkout.objects.get(pk=client.session["checkout_token"])


def _line(client: Client, variant: Any) -> CheckoutLine:
    return CheckoutLine.objects.get(checkout=_cart_of(client), variant=variant)


def test_it_adds_products_of_two_sellers_from_their_pages_and_groups_them(db: Any) -> None:
    # given a honey and a tea of two sellers, and a visitor on the honey's page
    honey, tea = _two_sellers()
    client = Client()
    page = client.get(f"/p/{honey.product.slug}/").content.decode()
    assert 'action="/gio-hang/them/"' in page
    assert read_page(page).unlabelled == []
    # when they add 2 honeys and 1 tea from the products' buy boxes (no JavaScript)
    first = add(client, honey, 2)
    second = add(client, tea, 1)
    # then each add goes back to its product page, which says what was added
    assert first.status_code == 302 and first["Location"] == f"/p/{honey.product.slug}/"
    assert second.status_code == 302 and second["Location"] == f"/p/{tea.product.slug}/"
    back = read_cart(client.get(second["Location"]).content.decode())
    assert back.messages == [
        "Đã thêm 2 × Mật ong hoa ban (Hũ 0) vào giỏ hàng.",
        "Đã thêm 1 × Chè Tân Cương (Hũ 0) vào giỏ hàng.",
    ]
    assert back.cart_count == "3"
    # and the cart shows two seller groups (stall and province), each with its subtotal
    cart = cart_page(client)
    assert [g.heading for g in cart.groups] == [
        f"{honey.product.seller.stall_name} · Điện Biên",
        f"{tea.product.seller.stall_name} · Thái Nguyên",
    ]
    assert [[(line.name, line.quantity, line.total) for line in g.lines] for g in cart.groups] == [
        [("Mật ong hoa ban Hũ 0", "2", "240.000 ₫")],
        [("Chè Tân Cương Hũ 0", "1", "80.000 ₫")],
    ]
    # and, nothing chosen yet, each seller's default delivery shows checked and priced
    assert [g.methods for g in cart.groups] == [
        [("Giao tiêu chuẩn 30.000 ₫", True), ("Giao nhanh 45.000 ₫", False)]
    ] * 2
    assert [g.sums for g in cart.groups] == [
        [("Tạm tính", "240.000 ₫"), ("Phí giao hàng", "30.000 ₫")],
        [("Tạm tính", "80.000 ₫"), ("Phí giao hàng", "30.000 ₫")],
    ]
    assert cart.totals == [
        ("Tiền hàng", "320.000 ₫"),
        ("Phí giao hàng", "60.000 ₫"),
        ("Tổng cộng", "380.000 ₫"),
    ]
    assert cart.notices == [] and cart.errors == []


def test_it_adds_in_place_with_htmx_and_updates_the_header_count(db: Any) -> None:
    # given a visitor on a honey's page with JavaScript
    honey, _tea = _two_sellers()
    client = Client()
    # when they add 2 honeys through htmx
    response = add(client, honey, 2, **HTMX)
    html = response.content.decode()
    # then the buy box answers in place, saying so, and the header's cart link swaps to 2
    assert response.status_code == 200
    assert html.startswith('<div id="buy-box" class="buy-box">')
    assert (
        '<p class="cart-added" role="status">Đã thêm 2 × Mật ong hoa ban (Hũ 0) vào giỏ hàng.'
        ' <a href="/gio-hang/">Xem giỏ hàng</a></p>'
    ) in html
    assert '<a id="cart-link" class="cart-link" href="/gio-hang/" hx-swap-oob="true">' in html
    assert cart_count(html) == "2"
    assert _line(client, honey).quantity == 2
    # and no message waits for the next page (it was shown in place)
    assert read_cart(client.get(CART).content.decode()).messages == []


def test_it_refuses_more_than_the_stock_next_to_the_field_and_writes_nothing(db: Any) -> None:
    # given a tea with 5 on the shelf and a visitor without a cart
    _honey, tea = _two_sellers()
    client = Client()
    # when they ask for 6 (no JavaScript)
    response = add(client, tea, 6)
    html = response.content.decode()
    # then the product page comes back with the error next to the quantity, 6 kept
    assert response.status_code == 200
    assert '<div class="error-summary" role="alert">' in html
    message = "Không đủ hàng trong kho."
    assert f'<li><a href="#buy-quantity">{message}</a></li>' in html
    assert f'<p id="buy-quantity-error" class="field-error">{message} </p>' in html
    assert (
        '<input id="buy-quantity" type="number" name="quantity" value="6" min="1" max="50"'
        ' inputmode="numeric" aria-invalid="true" aria-describedby="buy-quantity-error">'
    ) in html
    # and nothing was written: no cart, none in the session
    assert Checkout.objects.count() == 0
    assert "checkout_token" not in client.session
    # when they type something that is not a number, with htmx, into an existing cart
    add(client, tea, 2)
    bad = add(client, tea, "hai", **HTMX).content.decode()
    # then the box answers in place with the form's own error and the cart still holds 2
    assert '<p id="buy-quantity-error" class="field-error">Hãy nhập một số nguyên. </p>' in bad
    assert _line(client, tea).quantity == 2


def test_it_shows_errors_in_english_for_an_english_visitor(db: Any) -> None:
    # given a visitor who chose English, with 5 teas on the shelf
    _honey, tea = _two_sellers()
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # when they ask for 6
    html = add(client, tea, 6).content.decode()
    # then the domain's error is in English
    assert (
        '<p id="buy-quantity-error" class="field-error">'
        "Could not add items. Only the available quantity is in stock. </p>"
    ) in html


def test_it_changes_quantities_and_removes_lines(db: Any) -> None:
    # given a cart of 2 honeys and 1 tea
    honey, tea = _two_sellers()
    client = Client()
    add(client, honey, 2)
    add(client, tea, 1)
    cart_page(client)  # shows the adds' messages
    honey_line = str(_line(client, honey).pk)
    tea_line = str(_line(client, tea).pk)
    # when the honey goes to 3 without JavaScript
    changed = client.post(f"/gio-hang/dong/{honey_line}/", {"quantity": "3"})
    # then the cart page comes back saying so, with the new line total
    assert changed.status_code == 302 and changed["Location"] == CART
    cart = cart_page(client)
    assert cart.messages == ["Đã cập nhật số lượng."]
    assert [(line.quantity, line.total) for line in cart.groups[0].lines] == [("3", "360.000 ₫")]
    # when the tea goes to 2 with htmx
    fragment = client.post(f"/gio-hang/dong/{tea_line}/", {"quantity": "2"}, **HTMX)
    html = fragment.content.decode()
    # then the cart answers in place, with the header count
    assert html.startswith('<div id="cart" class="cart">')
    assert read_cart(html).done == "Đã cập nhật số lượng."
    assert [line.total for g in read_cart(html).groups for line in g.lines] == [
        "360.000 ₫",
        "160.000 ₫",
    ]
    assert cart_count(html) == "5"
    # when the honey is removed
    removed = client.post(f"/gio-hang/dong/{honey_line}/xoa/")
    # then only the tea's seller is left
    assert removed.status_code == 302
    assert [g.lines[0].name for g in cart_page(client).groups] == ["Chè Tân Cương Hũ 0"]
    # when the tea is set to 0
    client.post(f"/gio-hang/dong/{tea_line}/", {"quantity": "0"})
    # then the cart is empty
    empty = cart_page(client)
    assert empty.empty and empty.groups == [] and empty.cart_count == "0"


def test_it_refuses_a_quantity_over_the_stock_in_the_cart_and_keeps_the_line(db: Any) -> None:
    # given a cart of 1 tea (5 on the shelf)
    _honey, tea = _two_sellers()
    client = Client()
    add(client, tea, 1)
    line = str(_line(client, tea).pk)
    # when the visitor types 6, then 51
    over = client.post(f"/gio-hang/dong/{line}/", {"quantity": "6"})
    limit = client.post(f"/gio-hang/dong/{line}/", {"quantity": "51"}, **HTMX)
    # then each answer shows the error next to the line, keeps what was typed, writes nothing
    stock = read_cart(over.content.decode())
    assert over.status_code == 200
    assert stock.errors == ["Chè Tân Cương: Không đủ hàng trong kho."]
    assert [(x.quantity, x.error) for x in stock.groups[0].lines] == [
        ("6", "Không đủ hàng trong kho.")
    ]
    assert [(x.quantity, x.error) for x in read_cart(limit.content.decode()).groups[0].lines] == [
        ("51", "Số lượng tối đa là 50.")
    ]
    assert _line(client, tea).quantity == 1


def test_it_saves_each_sellers_delivery_choice(db: Any) -> None:
    # given a cart with a honey and a tea
    honey, tea = _two_sellers()
    client = Client()
    add(client, honey, 1)
    add(client, tea, 1)
    express = honey.product.seller.shipping_methods.get(name="Giao nhanh")
    standard = tea.product.seller.shipping_methods.get(name="Giao tiêu chuẩn")
    # when the honey's seller gets express (no JavaScript) and the tea's standard (htmx)
    saved = client.post("/gio-hang/giao-hang/", {"method": express.pk})
    html = client.post("/gio-hang/giao-hang/", {"method": standard.pk}, **HTMX).content.decode()
    # then both are stored per seller and the cart prices them
    assert saved.status_code == 302
    assert set(CheckoutDelivery.objects.values_list("seller_id", "shipping_method_id")) == {
        (express.seller_id, express.pk),
        (standard.seller_id, standard.pk),
    }
    cart = read_cart(html)
    assert [g.methods for g in cart.groups] == [
        [("Giao tiêu chuẩn 30.000 ₫", False), ("Giao nhanh 45.000 ₫", True)],
        [("Giao tiêu chuẩn 30.000 ₫", True), ("Giao nhanh 45.000 ₫", False)],
    ]
    assert [g.sums[1] for g in cart.groups] == [
        ("Phí giao hàng", "45.000 ₫"),
        ("Phí giao hàng", "30.000 ₫"),
    ]
    assert cart.totals == [
        ("Tiền hàng", "200.000 ₫"),
        ("Phí giao hàng", "75.000 ₫"),
        ("Tổng cộng", "275.000 ₫"),
    ]
    # when a method of a seller not in the cart is posted
    stranger = factories.shipping_method(factories.seller(), name="Giao lạ")
    refused = read_cart(
        client.post("/gio-hang/giao-hang/", {"method": stranger.pk}).content.decode()
    )
    # then it is refused and nothing changes
    assert refused.errors == ["Phương thức giao hàng không áp dụng cho giỏ hàng này."]
    assert CheckoutDelivery.objects.count() == 2


def test_it_removes_a_line_whose_certificate_lapsed_with_a_message(db: Any) -> None:
    # given a cart with a honey and a tea
    honey, tea = _two_sellers()
    client = Client()
    add(client, honey, 1)
    add(client, tea, 2)
    # when the tea's certificate lapses and the daily expiry job runs
    OcopCertificate.objects.filter(product=tea.product).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert expire_certificates() == [OcopCertificate.objects.get(product=tea.product).pk]
    cart = cart_page(client)
    # then the tea is gone from the cart with a message naming it, the honey stays
    assert cart.notices == [
        "Chè Tân Cương (Hũ 0) không còn được bán ở đây (chứng nhận OCOP đã hết hạn hoặc sản"
        " phẩm đã bị gỡ) nên đã được xoá khỏi giỏ hàng của bạn."
    ]
    assert [line.name for g in cart.groups for line in g.lines] == ["Mật ong hoa ban Hũ 0"]
    assert list(_cart_of(client).lines.values_list("variant_id", flat=True)) == [honey.pk]
    assert cart.cart_count == "1"
    # and the message is told once
    assert cart_page(client).notices == []


def test_it_tells_of_a_price_changed_since_the_item_was_added_once(db: Any) -> None:
    # given a cart with a honey added at 120.000 ₫
    honey, _tea = _two_sellers()
    client = Client()
    add(client, honey, 2)
    assert _line(client, honey).price_seen_amount == 120_000
    # when the seller raises the price to 135.000 ₫
    ProductVariantChannelListing.objects.filter(variant=honey).update(price_amount=135_000)
    cart = cart_page(client)
    # then the cart says so, next to the line too, and prices the line at the new price
    assert cart.notices == [
        "Giá của Mật ong hoa ban đã đổi từ 120.000 ₫ thành 135.000 ₫ kể từ khi bạn thêm vào giỏ."
    ]
    assert [(x.notes, x.total) for x in cart.groups[0].lines] == [
        (["Giá đã đổi từ 120.000 ₫ thành 135.000 ₫."], "270.000 ₫")
    ]
    # and once told, the price is the one seen: the next visit says nothing
    assert _line(client, honey).price_seen_amount == 135_000
    assert cart_page(client).notices == []


def test_it_tells_when_stock_ran_short_since_the_item_was_added(db: Any) -> None:
    # given a cart with 4 teas (5 on the shelf)
    _honey, tea = _two_sellers()
    client = Client()
    add(client, tea, 4)
    # when only 1 is left on the shelf
    Stock.objects.filter(variant=tea).update(quantity=1)
    cart = cart_page(client)
    # then the cart says so next to the line, which it keeps as it is
    assert cart.notices == ["Chỉ còn 1 Chè Tân Cương trong kho: hãy giảm số lượng."]
    assert [(x.quantity, x.error) for x in cart.groups[0].lines] == [("4", "Chỉ còn 1.")]
    assert _line(client, tea).quantity == 4
    # when none is left
    Stock.objects.filter(variant=tea).update(quantity=0)
    # then the cart says it is out of stock
    assert cart_page(client).notices == [
        "Chè Tân Cương hiện đã hết hàng: hãy xoá khỏi giỏ hoặc quay lại sau."
    ]


def test_it_shows_an_empty_cart(db: Any) -> None:
    # given a visitor who added nothing
    # when they open the cart
    response = Client().get(CART)
    html = response.content.decode()
    # then it says the cart is empty and offers the products, with no checkout button
    cart = read_cart(html)
    assert response.status_code == 200
    assert read_page(html).h1 == ["Giỏ hàng của bạn"]
    assert cart.empty and cart.groups == [] and cart.cart_count == "0"
    assert "Giỏ hàng của bạn đang trống." in html
    assert "/thanh-toan/" not in html


def _cart_page_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(CART)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_it_reads_the_cart_page_in_the_same_number_of_queries_for_1_and_6_lines(
    db: Any, settings: Any
) -> None:
    # given a cart of one line of one seller, and a cart of 6 lines of 3 sellers (images,
    # delivery methods, a chosen delivery)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    image = factories.image_bytes()
    sellers = [factories.seller(province_code=code) for code in ("11", "19", "01")]
    for seller in sellers:
        factories.shipping_method(seller)
    products = [factories.product(owner=sellers[i % 3], image=image) for i in range(6)]
    small, large = Client(), Client()
    add(small, products[0].variants.get(), 1)
    for made in products:
        add(large, made.variants.get(), 2)
    for client in (small, large):
        client.post("/gio-hang/giao-hang/", {"method": sellers[0].shipping_methods.get().pk})
        client.get(CART)  # the session's message, shown once
    # when each cart page is read
    one, six = _cart_page_queries(small), _cart_page_queries(large)
    # then the number of SQL queries does not grow with the lines and sellers
    assert len(cart_page(large).groups) == 3
    assert one == six


def test_it_counts_the_cart_in_the_header_in_at_most_one_query(
    db: Any, django_assert_num_queries: Any
) -> None:
    # given a request whose session has no cart, and one whose session has a 3-unit cart
    honey, _tea = _two_sellers()
    client = Client()
    add(client, honey, 3)
    factory = RequestFactory()
    without, with_cart = factory.get("/"), factory.get("/")
    without.session = {}  # type: ignore[attr-defined]
    with_cart.session = {"checkout_token": client.session["checkout_token"]}  # type: ignore[attr-defined]
    # when the context processor's count is read
    # then it costs no query without a cart, one with
    with django_assert_num_queries(0):
        assert int(str(cart_context_processor(without)["cart_count"])) == 0
    with django_assert_num_queries(1):
        assert int(str(cart_context_processor(with_cart)["cart_count"])) == 3


def test_it_reads_the_buy_box_in_the_same_number_of_queries_for_1_and_4_options(db: Any) -> None:
    # given a product with one option and one with four
    one = factories.product(variants=1)
    four = factories.product(variants=4)
    client = Client()

    def queries(slug: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/p/{slug}/").status_code == 200
        return len(captured.captured_queries)

    # when each product page is read
    # then the count is the same, and the four options are radios
    assert queries(one.slug) == queries(four.slug)
    html = client.get(f"/p/{four.slug}/").content.decode()
    assert html.count('type="radio" ') == 4 and read_page(html).unlabelled == []


def test_only_the_carts_session_may_change_its_lines(db: Any) -> None:
    # given a shopper's cart of 2 honeys, and a delivery method of its seller
    honey, _tea = _two_sellers()
    owner = Client()
    add(owner, honey, 2)
    line = str(_line(owner, honey).pk)
    method = honey.product.seller.shipping_methods.get(name="Giao nhanh")
    other_customer = Client()
    other_customer.force_login(factories.user())
    staff = Client()
    staff.force_login(factories.user(is_staff=True))
    # when other visitors (anonymous, another customer, staff) post to the shopper's line
    for intruder in (Client(), other_customer, staff):
        updated = intruder.post(f"/gio-hang/dong/{line}/", {"quantity": "1"})
        removed = intruder.post(f"/gio-hang/dong/{line}/xoa/")
        chosen = intruder.post("/gio-hang/giao-hang/", {"method": method.pk})
        # then each is not found, and nothing changed
        assert (updated.status_code, removed.status_code, chosen.status_code) == (404, 404, 404)
    assert _line(owner, honey).quantity == 2
    assert CheckoutDelivery.objects.count() == 0
    assert Checkout.objects.count() == 1
    # when the shopper does the same
    # then it works
    assert owner.post(f"/gio-hang/dong/{line}/", {"quantity": "1"}).status_code == 302
    assert _line(owner, honey).quantity == 1


def test_it_keeps_the_cart_of_a_shopper_who_signs_in_and_attaches_it(db: Any) -> None:
    # given an anonymous cart of 1 honey
    honey, tea = _two_sellers()
    buyer = factories.user("shopper@ocop.test")
    client = Client()
    add(client, honey, 1)
    token = client.session["checkout_token"]
    # when the shopper signs in and adds a tea
    client.force_login(buyer)
    add(client, tea, 1)
    # then the same cart holds both, now attached to the shopper
    cart = Checkout.objects.get(pk=token)
    assert (cart.user_id, cart.email) == (buyer.pk, "shopper@ocop.test")
    assert cart.lines.count() == 2
    # when they sign in again from another browser
    elsewhere = Client()
    elsewhere.force_login(buyer)
    page = elsewhere.get("/").content.decode()
    # then the header counts their cart at once, and the cart page shows it
    assert cart_count(page) == "2"
    assert len(cart_page(elsewhere).groups) == 2
    # and a visitor who signs out does not see it any more
    elsewhere.logout()
    assert cart_page(elsewhere).empty


def test_it_refuses_to_add_a_product_that_is_not_for_sale(db: Any) -> None:
    # given a product whose certificate is pending, and an unknown slug
    pending = factories.product(cert_status="pending").variants.get()
    client = Client()
    # when a visitor posts them to the cart
    refused = add(client, pending, 1)
    unknown = client.post(ADD, {"product": "khong-co", "variant": pending.pk, "quantity": 1})
    # then both answer not found, and no cart is made
    assert (refused.status_code, unknown.status_code) == (404, 404)
    assert Checkout.objects.count() == 0


def test_it_gives_the_checkout_page_the_visitors_cart_attached_to_them(db: Any) -> None:
    # given a signed-in shopper with no cart, and a request of theirs with a session
    buyer = factories.user("page@ocop.test")
    request = RequestFactory().get("/thanh-toan/")
    request.session = SessionStore()  # type: ignore[attr-defined]
    request.user = buyer
    # when the checkout page asks for the cart to update, twice
    made = checkout_for_update(request)
    again = checkout_for_update(request)
    # then one cart is made in the storefront's channel, attached to them, and remembered
    assert again.pk == made.pk
    assert (made.channel.slug, made.user_id, made.email) == (
        "default-channel",
        buyer.pk,
        "page@ocop.test",
    )
    assert request.session["checkout_token"] == str(made.pk)
    assert current_checkout(request) == made
    # when an anonymous cart is in the session of a visitor who then signs in
    anonymous = factories.checkout([(factories.product().variants.get(), 1)], email="")
    request.session["checkout_token"] = str(anonymous.pk)
    # then the checkout page gets that cart, now attached to them
    assert checkout_for_update(request).pk == anonymous.pk
    anonymous.refresh_from_db()
    assert (anonymous.user_id, anonymous.email) == (buyer.pk, "page@ocop.test")
