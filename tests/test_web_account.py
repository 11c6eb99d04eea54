"""Sign up, sign in, sign out and the signed-in customer's pages of the web storefront."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from orders.links import group_id_from_token
from tests import factories
from tests.helpers.account import PASSWORD, order_group, rows, signed_in
from tests.helpers.html_checks import read_page


def test_it_signs_up_signs_out_and_signs_in_again(db: Any) -> None:
    # given a visitor on the sign-up page
    client = Client()
    assert client.get("/dang-ky/").status_code == 200
    # when they sign up
    response = client.post(
        "/dang-ky/",
        {"first_name": "An", "last_name": "Nguyễn", "email": "An@Ocop.test", "password": PASSWORD},
    )
    # then the account exists, they are signed in and land on their account page
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/"
    user = User.objects.get(email="an@ocop.test")
    assert user.first_name == "An" and user.language_code == "vi"
    home = client.get("/tai-khoan/").content.decode()
    assert "an@ocop.test" in home and 'href="/tai-khoan/don-hang/"' in home
    # when they sign out (POST) and open their account page
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get("/tai-khoan/")["Location"] == "/dang-nhap/?next=/tai-khoan/"
    # and sign in again
    signed = client.post("/dang-nhap/", {"email": "an@ocop.test", "password": PASSWORD})
    # then they are back in
    assert signed.status_code == 302 and signed["Location"] == "/tai-khoan/"
    assert client.get("/tai-khoan/").status_code == 200


def test_it_shows_sign_up_errors_next_to_fields_keeps_input_and_writes_nothing(db: Any) -> None:
    # given a visitor
    client = Client()
    before = rows(User)
    # when they sign up with a malformed email and a short password
    response = client.post(
        "/dang-ky/", {"first_name": "Bình", "email": "not-an-email", "password": "123"}
    )
    # then the page answers 400 with each error next to its field, in Vietnamese, in a summary too
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary" role="alert"' in html
    assert '<a href="#id_email">' in html and '<a href="#id_password">' in html
    assert 'id="id_email-error"' in html and 'aria-invalid="true"' in html
    assert "Email không hợp lệ." in html
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in html
    # and what was typed is kept (never the password), and nothing was written
    assert 'value="Bình"' in html and 'value="not-an-email"' in html
    assert 'value="123"' not in html
    assert rows(User) == before
    assert read_page(html).unlabelled == []


def test_it_shows_the_errors_in_english_for_an_english_visitor(db: Any) -> None:
    # given a visitor reading in English
    client = Client()
    # when they sign up with an email already taken
    factories.user("taken@ocop.test")
    response = client.post("/dang-ky/?hl=en", {"email": "taken@ocop.test", "password": PASSWORD})
    # then the error is in English
    html = response.content.decode()
    assert response.status_code == 400
    assert "User with this Email already exists." in html
    assert "There is a problem" in html


def test_it_refuses_sign_ups_past_the_address_limit(db: Any, settings: Any) -> None:
    # given an address allowed two sign-up attempts
    settings.OCOP_REGISTER_MAX_PER_ADDRESS = 2
    client = Client()
    for n in range(2):
        client.post("/dang-ky/", {"email": f"u{n}@ocop.test", "password": PASSWORD})
        client.post("/dang-xuat/")
    before = rows(User)
    # when a third sign-up comes from it
    response = client.post("/dang-ky/", {"email": "third@ocop.test", "password": PASSWORD})
    # then it is refused with the throttle's message and nothing is written
    assert response.status_code == 400
    assert "Quá nhiều lần thử" in response.content.decode()
    assert rows(User) == before


def test_it_says_wrong_email_or_password_and_keeps_the_email(db: Any) -> None:
    # given a customer
    factories.user("chi@ocop.test")
    client = Client()
    # when they sign in with a wrong password
    response = client.post("/dang-nhap/", {"email": "chi@ocop.test", "password": "wrong-one"})
    # then one error, the email kept, and no one is signed in
    html = response.content.decode()
    assert response.status_code == 400
    assert "Email hoặc mật khẩu không đúng." in html
    assert 'value="chi@ocop.test"' in html
    assert client.get("/tai-khoan/").status_code == 302


def test_it_throttles_sign_in_after_too_many_failures_even_with_the_right_password(
    db: Any, settings: Any
) -> None:
    # given an account allowed three failures (the hardening issue's login throttle)
    settings.OCOP_LOGIN_MAX_FAILURES_PER_ACCOUNT = 3
    settings.OCOP_LOGIN_MAX_FAILURES_PER_ADDRESS = 100
    factories.user("dung@ocop.test")
    client = Client()
    for _ in range(3):
        wrong = client.post("/dang-nhap/", {"email": "dung@ocop.test", "password": "nope-nope"})
        assert "Email hoặc mật khẩu không đúng." in wrong.content.decode()
    # when the right password comes next
    response = client.post("/dang-nhap/", {"email": "dung@ocop.test", "password": PASSWORD})
    # then it is refused by the throttle, and no one is signed in
    assert response.status_code == 400
    assert "Quá nhiều lần thử" in response.content.decode()
    assert client.get("/tai-khoan/").status_code == 302


def test_it_follows_a_safe_next_and_ignores_an_unsafe_one(db: Any) -> None:
    # given a customer
    factories.user("em@ocop.test")
    credentials = {"email": "em@ocop.test", "password": PASSWORD}
    # when they sign in with next pointing to another site
    for unsafe in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = Client().post(f"/dang-nhap/?next={unsafe}", credentials)
        # then the next is ignored: they land on their account
        assert response["Location"] == "/tai-khoan/", unsafe
    # when next is a page of this site (from the form's hidden field)
    response = Client().post("/dang-nhap/", {**credentials, "next": "/live/"})
    # then they land there
    assert response["Location"] == "/live/"
    # and the login form does not carry an unsafe next along
    page = Client().get("/dang-nhap/?next=https://evil.example/").content.decode()
    assert 'value="https://evil.example/"' not in page


def test_it_rotates_the_session_and_keeps_the_checkout_token_on_sign_in(db: Any) -> None:
    # given a guest whose session holds a checkout
    factories.user("giang@ocop.test")
    client = Client()
    session = client.session
    session["checkout_token"] = "3f1c0e2a-0000-4000-8000-000000000001"
    session.save()
    before = session.session_key
    # when they sign in
    client.post("/dang-nhap/", {"email": "giang@ocop.test", "password": PASSWORD})
    # then the session key changed and the checkout token is still there
    after = client.session
    assert after.session_key != before
    assert after["checkout_token"] == "3f1c0e2a-0000-4000-8000-000000000001"


def test_it_signs_out_only_by_post_and_demands_csrf(db: Any) -> None:
    # given a signed-in customer whose client enforces CSRF
    user = factories.user()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    # when sign-out is requested by GET, or POSTed without a CSRF token
    by_get = client.get("/dang-xuat/")
    no_token = client.post("/dang-xuat/")
    # then neither signs them out
    assert by_get.status_code == 405
    assert no_token.status_code == 403
    assert client.get("/tai-khoan/").status_code == 200
    # and a sign-in without a token is refused too
    assert Client(enforce_csrf_checks=True).post("/dang-nhap/", {}).status_code == 403


def test_it_shows_account_links_in_the_header(db: Any) -> None:
    # given an anonymous visitor and a signed-in customer
    anonymous = Client().get("/").content.decode()
    customer = signed_in(factories.user()).get("/").content.decode()
    # then the header links to the schedule and to sign-in or the account
    assert 'href="/live/"' in anonymous and 'href="/dang-nhap/">Đăng nhập<' in anonymous
    assert 'href="/tai-khoan/">Tài khoản<' in customer


def test_it_lists_my_orders_newest_first_with_each_sellers_number_and_status(db: Any) -> None:
    # given a customer with two purchases and another customer with one
    me = factories.user()
    older = order_group(me)
    newer = order_group(me, sellers=1)
    theirs = order_group(factories.user())
    # when the customer opens their orders
    html = signed_in(me).get("/tai-khoan/don-hang/").content.decode()
    # then both purchases show, newest first, each order's number and status, linking to
    # the order page; the other customer's purchase is not there
    assert html.index(f"Lần mua #{newer.number}<") < html.index(f"Lần mua #{older.number}<")
    for order in older.orders.all():
        assert f"Đơn hàng #{order.number}" in html
    assert "Chờ giao" in html
    # (the token carries its signing time, so compare what it names)
    linked = {group_id_from_token(t) for t in re.findall(r'href="/don-hang/([^/"]+)/"', html)}
    assert linked == {older.pk, newer.pk}
    assert f"Lần mua #{theirs.number}<" not in html


def test_it_reads_my_orders_in_queries_constant_in_their_number(db: Any) -> None:
    # given a customer with one purchase
    me = factories.user()
    client = signed_in(me)
    order_group(me)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/tai-khoan/don-hang/").status_code == 200
    # when they have six
    for _ in range(5):
        order_group(me)
    with CaptureQueriesContext(connection) as six:
        assert client.get("/tai-khoan/don-hang/").status_code == 200
    # then the page costs the same number of queries
    assert len(six) == len(one)


def test_it_keeps_every_account_page_to_its_customer(db: Any) -> None:
    # given a customer with a purchase, and another customer
    owner = factories.user()
    group = order_group(owner)
    other = signed_in(factories.user())
    anonymous = Client()
    for path in ("/tai-khoan/", "/tai-khoan/don-hang/", "/tai-khoan/nhac-lich/"):
        # when an anonymous visitor opens the page
        response = anonymous.get(path)
        # then they are sent to sign in, and back after
        assert response.status_code == 302
        assert response["Location"] == f"/dang-nhap/?next={path}"
        # and another customer sees only their own (empty) page
        assert f"Lần mua #{group.number}<" not in other.get(path).content.decode()
    # and the owner sees their purchase
    mine = signed_in(owner).get("/tai-khoan/don-hang/").content.decode()
    assert f"Lần mua #{group.number}<" in mine
