"""Deleting one's account on the web (/tai-khoan/xoa-tai-khoan/): signed-in only, confirmed by
the password and a ticked box, refused to accounts that run a stall or an office; a refused
or unconfirmed POST changes nothing, and a deletion keeps the orders, anonymised."""

from __future__ import annotations

from typing import Any

from django.test import Client

from accounts.models import User
from checkout.address_book import do_add_saved_address
from checkout.models import Address, SavedAddress
from orders.models import Order, OrderGroup
from sellers.models import SellerMember
from tests import factories
from tests.factories import VN_ADDRESS
from tests.helpers.account import PASSWORD, order_group, rows, signed_in

PAGE = "/tai-khoan/xoa-tai-khoan/"
CONFIRMED = {"password": PASSWORD, "understood": "on"}


def _everything() -> list[Any]:
    # Signing in stamps last_login; everything else about the accounts must stay.
    users = [{k: v for k, v in row.items() if k != "last_login"} for row in rows(User)]
    return users + rows(SavedAddress) + rows(Address) + rows(Order) + rows(OrderGroup)


def test_it_sends_anonymous_visitors_to_sign_in_and_changes_nothing(db: Any) -> None:
    # given a customer with an address
    do_add_saved_address(factories.user(), VN_ADDRESS)
    before = _everything()
    # when an anonymous visitor opens and posts the page
    for response in (Client().get(PAGE), Client().post(PAGE, CONFIRMED)):
        # then they are sent to sign in
        assert response.status_code == 302
        assert response["Location"] == f"/dang-nhap/?next={PAGE}"
    # and nothing changed
    assert _everything() == before


def test_it_explains_what_goes_and_what_stays(db: Any) -> None:
    # given a signed-in customer
    client = signed_in(factories.user())
    # when they open the page
    response = client.get(PAGE)
    # then it says what is deleted and that the orders stay, with the confirming form
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đơn hàng của bạn vẫn được lưu trong sổ sách của người bán" in html
    assert 'name="password"' in html and 'name="understood"' in html
    # and the account page links to it
    assert PAGE in client.get("/tai-khoan/").content.decode()


def test_it_refuses_an_unconfirmed_or_wrongly_confirmed_deletion(db: Any) -> None:
    # given a customer with an order and an address
    buyer = factories.user()
    do_add_saved_address(buyer, VN_ADDRESS)
    order_group(buyer)
    client = signed_in(buyer)
    before = _everything()
    # when they post without ticking the box, and with a wrong password
    unticked = client.post(PAGE, {"password": PASSWORD})
    wrong = client.post(PAGE, {"password": "sai-mat-khau", "understood": "on"})
    # then each answers 400 with the error on its field, and nothing changed
    assert unticked.status_code == 400
    assert "Hãy đánh dấu ô để xác nhận." in unticked.content.decode()
    assert wrong.status_code == 400
    assert "Mật khẩu không đúng." in wrong.content.decode()
    assert _everything() == before


def test_it_deletes_the_account_keeps_the_orders_and_signs_out(db: Any) -> None:
    # given a customer with an order from two sellers and an address
    buyer = factories.user("hoa@ocop.test", first_name="Hoa")
    do_add_saved_address(buyer, VN_ADDRESS)
    group = order_group(buyer)
    client = signed_in(buyer)
    # when they confirm the deletion
    response = client.post(PAGE, CONFIRMED)
    # then they land on the home page, signed out, told it is done
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert "Tài khoản của bạn đã được xoá." in home.content.decode()
    assert client.get("/tai-khoan/").status_code == 302
    # and the account is emptied, its book gone, its two orders kept without the e-mail
    user = User.objects.get(pk=buyer.pk)
    assert (user.email, user.first_name, user.is_active) == (
        f"deleted-{buyer.pk}@deleted.invalid",
        "",
        False,
    )
    assert not SavedAddress.objects.filter(user=buyer).exists()
    assert [o.user_email for o in Order.objects.filter(group=group)] == ["", ""]
    assert OrderGroup.objects.get(pk=group.pk).user_email == ""


def test_it_refuses_accounts_that_run_a_stall_an_office_or_the_site(db: Any) -> None:
    # given a seller's staff member, an officer, a staff member and a superuser
    member = factories.user()
    SellerMember.objects.create(seller=factories.seller(), user=member)
    people = [
        member,
        factories.officer(),
        factories.user(is_staff=True),
        factories.user(is_staff=True, is_superuser=True),
    ]
    before = _everything()
    for person in people:
        client = signed_in(person)
        # when they open the page and post a confirmed deletion
        page = client.get(PAGE)
        posted = client.post(PAGE, CONFIRMED)
        # then the page says why not, the POST is refused, and nothing changed
        message = "Không thể xoá tại đây tài khoản đang quản lý gian hàng hoặc công việc."
        assert page.status_code == 200 and message in page.content.decode()
        assert 'name="password"' not in page.content.decode()
        assert posted.status_code == 400
    assert _everything() == before
