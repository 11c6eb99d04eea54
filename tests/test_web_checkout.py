"""The one-page checkout, its confirmation and the order page (web/checkout/)."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalog.models import Stock
from checkout.models import Address, Checkout, SavedAddress
from orders.links import group_id_from_token, group_token
from orders.models import Fulfillment, Order, OrderGroup
from orders.notifications import send_order_notifications
from payments.models import Transaction
from tests import factories
from tests.helpers.payments import intent_object, post_webhook, stripe_event
from tests.helpers.web_checkout import one_seller_cart, put_in_session, two_seller_cart

CHECKOUT = "/thanh-toan/"


def test_it_places_a_guest_cash_on_delivery_order_with_two_sellers(db: Any, client: Client) -> None:
    # given a guest's cart with products of two sellers
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    # when the checkout page is opened and the form sent for a parcel to Điện Biên
    page = client.get(CHECKOUT)
    response = client.post(CHECKOUT, cart.form())
    # then one group of two orders exists, the cart is gone and the session forgets it
    assert page.status_code == 200
    group = OrderGroup.objects.get()
    orders = list(group.orders.order_by("number"))
    assert response.status_code == 302
    assert response["Location"] == f"/thanh-toan/xac-nhan/{group_token(group.pk)}/"
    assert [o.seller_id for o in orders] == sorted(s.pk for s in cart.sellers)
    assert {o.payment_gateway for o in orders} == {"ocop.cod"}
    address = group.shipping_address
    assert address is not None
    assert address.country_area == "Tỉnh Điện Biên"
    assert address.city == "Phường Điện Biên Phủ"
    assert address.phone == "+84912345678"
    assert group.user_email == "khach@ocop.test"
    assert not Checkout.objects.filter(pk=cart.checkout.pk).exists()
    assert "checkout_token" not in client.session
    # and the confirmation shows both order numbers, the group number and the amount to pay
    confirmation = client.get(response["Location"]).content.decode()
    for order in orders:
        assert f"#{order.number}" in confirmation
    assert f"#{group.number}" in confirmation
    assert "270.000 ₫" in confirmation  # the second seller: 2 × 120.000 + 30.000
    assert group.total_amount == 120_000 + 240_000 + 2 * 30_000
    assert "420.000 ₫" in confirmation


def test_it_emails_the_signed_link_that_opens_the_order_page(db: Any, client: Client) -> None:
    # given a placed guest order
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    client.post(CHECKOUT, cart.form())
    group = OrderGroup.objects.get()
    # when the order e-mails are sent
    send_order_notifications(group.pk)
    # and the first seller has shipped its parcel
    first = group.orders.order_by("number").first()
    assert first is not None
    Fulfillment.objects.create(order=first, fulfillment_order=1, tracking_number="GHN12345")
    # then the buyer's holds the absolute signed link, which opens the order page
    buyer = next(m for m in mail.outbox if m.to == ["khach@ocop.test"])
    link = f"http://127.0.0.1:8000/don-hang/{group_token(group.pk)}/"
    assert link in buyer.body
    page = Client().get(link.removeprefix("http://127.0.0.1:8000"))
    assert page.status_code == 200
    text = page.content.decode()
    for order in group.orders.all():
        assert f"#{order.number}" in text
        with translation.override("vi"):
            assert f"<strong>{order.get_status_display()}</strong>" in text
    # with the tracking number of the shipped parcel, and none yet for the other
    assert "<strong>GHN12345</strong>" in text
    assert text.count("chưa gửi hàng") == 1


def test_it_shows_field_errors_keeps_the_input_and_writes_nothing(db: Any, client: Client) -> None:
    # given a guest's cart
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    addresses = Address.objects.count()
    # when the form is sent with a bad phone, a ward of another province and no email
    response = client.post(
        CHECKOUT, cart.form(email="", phone="12345", ward="Hà Giang 1", street="7 Bế Văn Đàn")
    )
    # then the page answers with each error next to its field, in Vietnamese
    text = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in text
    assert 'href="#id_phone"' in text and 'href="#id_ward"' in text and 'href="#id_email"' in text
    assert "“12345” không phải số điện thoại Việt Nam hợp lệ." in text
    assert 'id="id_phone" name="phone" type="tel" value="12345"' in text
    assert 'aria-invalid="true"' in text
    assert 'value="7 Bế Văn Đàn"' in text
    # and nothing was written: no order, no address, the cart untouched
    assert OrderGroup.objects.count() == 0
    assert Address.objects.count() == addresses
    cart.checkout.refresh_from_db()
    assert cart.checkout.shipping_address_id is None and cart.checkout.email == ""


def test_it_answers_errors_in_english_for_an_english_visitor(db: Any, client: Client) -> None:
    # given a guest's cart
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    # when an English visitor sends an unknown province
    response = client.post(CHECKOUT, cart.form(province="Atlantis"), HTTP_ACCEPT_LANGUAGE="en")
    # then the error is in English
    assert "Unknown province “Atlantis”." in response.content.decode()
    assert OrderGroup.objects.count() == 0


def test_it_understands_an_old_province_name(db: Any, client: Client) -> None:
    # given a guest's cart
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    # when the wards of "Hà Giang" (merged into Tuyên Quang in 2025) are asked for
    wards = client.get("/thanh-toan/phuong-xa/", {"province": "Hà Giang"}).content.decode()
    # then Tuyên Quang's wards come back, with a note saying so
    assert '<option value="Phường Hà Giang 1">' in wards
    assert "Hà Giang nay thuộc Tỉnh Tuyên Quang." in wards
    # and an order to "Hà Giang" goes to the new province
    response = client.post(CHECKOUT, cart.form(province="Hà Giang", ward="Hà Giang 1"))
    assert response.status_code == 302
    address = OrderGroup.objects.get().shipping_address
    assert address is not None and address.country_area == "Tỉnh Tuyên Quang"


def test_it_places_one_group_when_the_order_is_sent_twice(db: Any, client: Client) -> None:
    # given a guest's cart
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    # when "place order" is sent twice with the same form
    first = client.post(CHECKOUT, cart.form())
    second = client.post(CHECKOUT, cart.form())
    # then one group of two orders exists and both answers lead to its confirmation
    group = OrderGroup.objects.get()
    assert Order.objects.count() == 2
    assert first.status_code == second.status_code == 302
    assert (
        first["Location"] == second["Location"] == f"/thanh-toan/xac-nhan/{group_token(group.pk)}/"
    )


def test_it_refuses_an_order_when_stock_ran_short(db: Any, client: Client) -> None:
    # given a cart of 2 jars, then the seller's stock drops to 1
    cart = two_seller_cart(quantities=(2, 1))
    put_in_session(client, cart.checkout)
    variant = cart.products[0].variants.get()
    Stock.objects.filter(variant=variant).update(quantity=1)
    before = list(Stock.objects.order_by("pk").values_list("quantity", "quantity_allocated"))
    # when the order is placed
    response = client.post(CHECKOUT, cart.form())
    # then the page says which product is short, and nothing was ordered or allocated
    text = response.content.decode()
    assert response.status_code == 200
    assert "Không đủ hàng trong kho." in text or "Insufficient product stock." in text
    assert cart.products[0].name in text
    assert OrderGroup.objects.count() == 0
    assert (
        list(Stock.objects.order_by("pk").values_list("quantity", "quantity_allocated")) == before
    )
    assert Checkout.objects.filter(pk=cart.checkout.pk).exists()


def test_it_answers_404_for_a_forged_order_link(db: Any, client: Client) -> None:
    # given a placed order
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    client.post(CHECKOUT, cart.form())
    token = group_token(OrderGroup.objects.get().pk)
    # when its token is tampered with
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    # then the order and confirmation pages answer the site's 404 page
    for path in (f"/don-hang/{forged}/", f"/thanh-toan/xac-nhan/{forged}/", "/don-hang/x/"):
        response = Client().get(path)
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()


def test_it_shows_an_empty_cart_without_a_checkout(db: Any, client: Client) -> None:
    # given a visitor without a cart
    # when the checkout page is opened
    response = client.get(CHECKOUT)
    # then it says the cart is empty
    assert response.status_code == 200
    assert "Giỏ hàng của bạn đang trống" in response.content.decode()


def test_it_lets_a_signed_in_buyer_use_and_save_addresses(db: Any, client: Client) -> None:
    # given a signed-in buyer with a cart
    buyer = factories.user("mua@ocop.test")
    client.force_login(buyer)
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    # when they order to a new address and ask to save it
    response = client.post(CHECKOUT, cart.form(email="", address_choice="new", save_address="1"))
    # then the order is theirs, with their account's email, and the address is in their book
    assert response.status_code == 302
    group = OrderGroup.objects.get()
    assert group.user_id == buyer.pk and group.user_email == "mua@ocop.test"
    saved = SavedAddress.objects.get(user=buyer)
    assert saved.is_default and saved.address.city == "Phường Điện Biên Phủ"
    # and a second cart offers the saved address, which an order can use as is
    cart2 = two_seller_cart()
    put_in_session(client, cart2.checkout)
    page = client.get(CHECKOUT).content.decode()
    assert f'name="address_choice" value="{saved.pk}" checked' in page
    response = client.post(
        CHECKOUT,
        cart2.form(
            email="",
            address_choice=str(saved.pk),
            name="",
            phone="",
            street="",
            province="",
            ward="",
        ),
    )
    assert response.status_code == 302
    assert OrderGroup.objects.count() == 2


def test_it_refuses_another_users_saved_address(db: Any, client: Client) -> None:
    # given another buyer's saved address, and a signed-in buyer with a cart
    from checkout.address_book import do_add_saved_address
    from tests.factories import VN_ADDRESS

    theirs = do_add_saved_address(factories.user(), VN_ADDRESS)
    client.force_login(factories.user())
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    # when the form names it
    response = client.post(CHECKOUT, cart.form(email="", address_choice=str(theirs.pk)))
    # then it is refused and nothing is ordered
    assert response.status_code == 200
    assert 'href="#address-choice"' in response.content.decode()
    assert OrderGroup.objects.count() == 0


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(CHECKOUT).status_code == 200
    return len(queries)


def test_it_reads_the_checkout_page_in_queries_independent_of_its_lines(db: Any) -> None:
    # given carts of one and of four lines
    small, large = Client(), Client()
    put_in_session(small, one_seller_cart(1).checkout)
    put_in_session(large, one_seller_cart(4).checkout)
    # when each checkout page is read
    # then both cost the same number of queries
    assert _queries(small) == _queries(large)


def test_it_counts_order_page_queries_independent_of_its_lines(db: Any, client: Client) -> None:
    # given a placed order
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    location = client.post(CHECKOUT, cart.form())["Location"]
    token = re.search(r"/xac-nhan/([^/]+)/", location)
    assert token is not None
    # when the order page is read
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(f"/don-hang/{token.group(1)}/")
    # then it takes a fixed handful of queries
    assert response.status_code == 200
    assert len(queries) <= 8


def test_it_pays_by_card_through_stripe_and_shows_processing_until_the_webhook(
    db: Any, client: Client, settings: Any
) -> None:
    # given Stripe configured (stripe-mock) and a guest's cart
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    assert 'name="payment" value="card"' in client.get(CHECKOUT).content.decode()
    # when the guest chooses the card
    response = client.post(CHECKOUT, cart.form(payment="card"))
    # then the orders are placed, awaiting the card, and the card step mounts Stripe.js
    group = OrderGroup.objects.get()
    token = group_token(group.pk)
    assert response["Location"] == f"/thanh-toan/the/{token}/"
    assert group.payment_gateway == "ocop.stripe"
    pay = client.get(response["Location"]).content.decode()
    assert '<script src="https://js.stripe.com/v3/"' in pay
    assert 'data-key="pk_test_ocop"' in pay and 'data-secret="pi_' in pay
    assert f'data-return="http://testserver/don-hang/{token}/"' in pay
    # and the order page (Stripe's return_url) says "processing" until Stripe's webhook
    order_page = f"/don-hang/{token}/"
    assert "Đang xử lý thanh toán thẻ" in client.get(order_page).content.decode()
    txn = Transaction.objects.get(checkout_token=cart.checkout.pk)
    assert txn.psp_reference is not None
    succeeded = intent_object(txn.psp_reference, group.total_amount, "succeeded")
    assert (
        post_webhook(client, stripe_event("payment_intent.succeeded", succeeded)).status_code == 200
    )
    assert "Đang xử lý thanh toán thẻ" not in client.get(order_page).content.decode()


def test_it_finds_the_group_when_a_racing_second_click_comes_with_the_old_session(
    db: Any, client: Client
) -> None:
    # given a cart placed by a first click
    cart = two_seller_cart()
    put_in_session(client, cart.checkout)
    first = client.post(CHECKOUT, cart.form())
    # when a second click, sent before the first answered, arrives with the old session
    session = client.session
    session["checkout_token"] = str(cart.checkout.pk)
    session.pop("completed_checkouts")
    session.save()
    second = client.post(CHECKOUT, cart.form())
    # then it leads to the same group's confirmation and no second group
    assert second.status_code == 302 and first.status_code == 302
    assert second["Location"] == first["Location"]
    assert _group_of(first["Location"]) == str(OrderGroup.objects.get().pk)


def test_it_places_cash_orders_after_an_unfinished_card_attempt(
    db: Any, client: Client, settings: Any
) -> None:
    # given Stripe configured, and a card attempt that started its payment but could not
    # complete (the stock ran short meanwhile)
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    cart = two_seller_cart(quantities=(2, 1))
    put_in_session(client, cart.checkout)
    stock = Stock.objects.filter(variant=cart.products[0].variants.get())
    stock.update(quantity=1)
    assert client.post(CHECKOUT, cart.form(payment="card")).status_code == 200
    assert Transaction.objects.get(checkout_token=cart.checkout.pk).gateway == "ocop.stripe"
    # when the stock is back and the buyer chooses cash on delivery
    stock.update(quantity=10)
    response = client.post(CHECKOUT, cart.form(payment="cod"))
    # then the orders are cash on delivery, and the card payment was superseded
    assert response.status_code == 302
    group = OrderGroup.objects.get()
    assert group.payment_gateway == "ocop.cod"
    assert group.payment_due_at is None
    card = Transaction.objects.get(checkout_token=cart.checkout.pk, gateway="ocop.stripe")
    assert card.status == "canceled"


def _group_of(location: str) -> str | None:
    """The order group a confirmation address leads to."""
    token = location.rstrip("/").rsplit("/", 1)[-1]
    group_id = group_id_from_token(token)
    return None if group_id is None else str(group_id)
