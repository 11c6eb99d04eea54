"""The seller centre's delivery methods: list, add, change and remove the stall's own
through `checkout.shipping_methods`, fees typed as people write them, errors per field in
Vietnamese with nothing saved, for the stall's members only."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from checkout.models import CheckoutDelivery, ShippingMethod
from orders.models import Order
from tests import factories
from tests.helpers.seller_orders import matrix, place, signed_in, stall
from web.seller.delivery import parse_vnd

LIST = "/kenh-nguoi-ban/van-chuyen/"
NEW = LIST + "them/"
# session, user, membership, the methods, the menu's new-order count
LIST_QUERIES = 5


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "name": "Giao tiết kiệm",
        "name_en": "Economy delivery",
        "description": "",
        "service_level": "economy",
        "rate_kind": "flat",
        "price_amount": "25.000",
        "price_per_kg_amount": "",
        "free_above_amount": "400000",
        "min_delivery_days": "3",
        "max_delivery_days": "6",
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _methods(seller: Any) -> list[tuple[Any, ...]]:
    return list(
        ShippingMethod.objects.filter(seller=seller)
        .order_by("pk")
        .values_list(
            "name",
            "price_amount",
            "price_per_kg_amount",
            "free_above_amount",
            "rate_kind",
            "min_delivery_days",
            "max_delivery_days",
            "is_default",
            "is_active",
        )
    )


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("30.000", 30_000), ("30000", 30_000), ("1.250.000 ₫", 1_250_000), ("30 000đ", 30_000)],
)
def test_it_reads_fees_as_people_write_them(typed: str, amount: int) -> None:
    assert parse_vnd(typed) == amount


@pytest.mark.parametrize("typed", ["30,5", "30.5", "3.00", "-5", "ba mươi", "30.000.0"])
def test_it_refuses_fees_it_would_have_to_guess(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_vnd(typed)


def test_it_adds_a_method_typed_with_dots_and_lists_it(db: Any) -> None:
    # given a stall with its standard method
    seller, owner = stall()
    factories.shipping_method(seller)
    client = signed_in(owner)
    # when its owner adds an economy method with "25.000" and "400000"
    response = client.post(NEW, _form())
    # then it is saved in whole đồng, not the default, and the list shows it
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert _methods(seller)[1] == (
        "Giao tiết kiệm",
        25_000,
        0,
        400_000,
        "flat",
        3,
        6,
        False,
        True,
    )
    body = client.get(LIST).content.decode()
    assert "Đã thêm phương thức giao hàng." in body
    assert "Giao tiết kiệm" in body
    assert "25.000 ₫" in body
    assert "miễn phí từ 400.000 ₫" in body
    assert "3–6 ngày" in body


def test_it_shows_every_error_next_to_its_field_in_vietnamese_and_saves_nothing(
    db: Any,
) -> None:
    # given a stall with one method
    seller, owner = stall()
    factories.shipping_method(seller)
    before = _methods(seller)
    client = signed_in(owner)
    # when its owner sends no name, a fee with decimals and days the wrong way round
    response = client.post(
        NEW,
        _form(name=" ", price_amount="30,5", min_delivery_days="5", max_delivery_days="2"),
    )
    body = response.content.decode()
    # then each problem is next to its field and in the summary, in Vietnamese
    assert response.status_code == 400
    assert 'class="error-summary"' in body
    assert 'id="id_price_amount-error"' in body
    assert "Nhập số tiền nguyên bằng đồng, ví dụ 30.000." in body
    assert 'id="id_name-error"' in body
    assert 'id="id_max_delivery_days-error"' in body
    assert 'href="#id_price_amount"' in body
    # and what was typed is kept, and nothing was written
    assert 'value="30,5"' in body
    assert _methods(seller) == before


def test_it_refuses_an_amount_beyond_the_limit_with_the_domains_message(db: Any) -> None:
    # given a stall
    seller, owner = stall()
    # when a fee of 2.000.000.000.000 ₫ is typed
    response = signed_in(owner).post(NEW, _form(price_amount="2.000.000.000.000"))
    # then the domain's limit shows at the fee, and nothing was written
    assert response.status_code == 400
    assert "Tối đa 1.000.000.000.000." in response.content.decode()
    assert _methods(seller) == []


def test_it_changes_a_method_and_makes_it_the_default(db: Any) -> None:
    # given a stall with a default standard method and an express one
    seller, owner = stall()
    standard = factories.shipping_method(seller)
    express = factories.shipping_method(seller, name="Hỏa tốc", price=45_000, is_default=False)
    client = signed_in(owner)
    page = client.get(f"{LIST}{express.pk}/").content.decode()
    assert 'value="45.000"' in page
    # when its owner makes express by weight, the default
    response = client.post(
        f"{LIST}{express.pk}/",
        _form(
            name="Hỏa tốc",
            service_level="express",
            rate_kind="weight",
            price_amount="45.000",
            price_per_kg_amount="10.000",
            free_above_amount="",
            is_default="on",
        ),
    )
    # then it is saved, the default moved, and the list says how the fee is counted
    assert response.status_code == 302
    express.refresh_from_db()
    standard.refresh_from_db()
    assert (express.rate_kind, express.price_per_kg_amount, express.is_default) == (
        "weight",
        10_000,
        True,
    )
    assert express.free_above_amount is None
    assert standard.is_default is False
    body = client.get(LIST).content.decode()
    assert "45.000 ₫ cho kg đầu + 10.000 ₫ mỗi kg tiếp theo" in body


def test_it_removes_a_method_orders_keep_its_name_and_fee_carts_choose_again(db: Any) -> None:
    # given a stall's order placed with its standard method, and a cart that chose it
    seller, owner = stall()
    order = place(seller)
    method = ShippingMethod.objects.get(seller=seller)
    variant = factories.product(owner=seller, stock=5).variants.get()
    cart = factories.checkout([(variant, 1)])
    assert CheckoutDelivery.objects.filter(checkout=cart, shipping_method=method).exists()
    client = signed_in(owner)
    # when its owner removes the method (the page says what happens to orders and carts)
    page = client.get(f"{LIST}{method.pk}/").content.decode()
    assert "Các đơn đã đặt vẫn giữ tên và phí của nó." in page
    response = client.post(f"{LIST}{method.pk}/xoa/")
    # then it is gone, and the order still says how it is delivered and for how much
    assert response.status_code == 302
    assert not ShippingMethod.objects.filter(pk=method.pk).exists()
    kept = Order.objects.get(pk=order.pk)
    assert (kept.shipping_method_name, kept.shipping_price_amount) == ("Giao tiêu chuẩn", 30_000)
    assert "Đã xoá phương thức giao hàng." in client.get(LIST).content.decode()
    # and the cart has no choice for the stall any more: the buyer chooses again
    assert not CheckoutDelivery.objects.filter(checkout=cart).exists()


def test_it_speaks_english_to_an_english_reader(db: Any) -> None:
    # given a stall
    _, owner = stall()
    # when a wrong fee is sent in English
    response = signed_in(owner).post(NEW + "?hl=en", _form(price_amount="abc"))
    # then the message is English
    assert "Enter a whole amount in đồng, for example 30.000." in response.content.decode()


def test_it_keeps_every_page_and_action_to_the_stalls_members(db: Any) -> None:
    # given a stall's method and everyone else
    seller, owner = stall()
    method = factories.shipping_method(seller)
    before = _methods(seller)
    edit = f"{LIST}{method.pk}/"
    for who, user in matrix(owner).items():
        client = signed_in(user)
        # when they open the pages and try to add, change and remove
        pages = [client.get(LIST), client.get(NEW), client.get(edit)]
        posts = [
            client.post(NEW, _form()),
            client.post(edit, _form(price_amount="1")),
            client.post(edit + "xoa/"),
        ]
        codes = [r.status_code for r in pages + posts]
        if user is None:
            # then the anonymous visitor is sent to sign in
            assert codes == [302] * 6, who
            assert pages[0]["Location"] == f"/dang-nhap/?next={LIST}"
        elif who == "other seller":
            # then another stall sees its own pages, and the method is not found
            assert codes[:2] == [200, 200], who
            assert method.name not in pages[0].content.decode()
            assert codes[2] == 404 and codes[4:] == [404, 404], who
            # (its own new method was added to its own stall, not this one)
            assert codes[3] == 302, who
        else:
            # then a customer, officers and staff without a stall are refused
            assert codes == [403] * 6, who
        # and this stall's methods did not change
        assert _methods(seller) == before, who


def test_it_refuses_changes_by_get_and_without_csrf(db: Any) -> None:
    # given a stall's method
    from django.test import Client

    seller, owner = stall()
    method = factories.shipping_method(seller)
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    # when it is removed by GET, or by POST without the CSRF token
    by_get = client.get(f"{LIST}{method.pk}/xoa/")
    no_csrf = client.post(f"{LIST}{method.pk}/xoa/")
    # then both are refused, and it is still there
    assert (by_get.status_code, no_csrf.status_code) == (405, 403)
    assert ShippingMethod.objects.filter(pk=method.pk).exists()


def test_it_lists_methods_in_queries_constant_in_their_number(db: Any) -> None:
    # given a stall with one method, then with eight
    seller, owner = stall()
    factories.shipping_method(seller)
    client = signed_in(owner)
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for n in range(7):
        factories.shipping_method(seller, name=f"Cách {n}", is_default=False)
    with CaptureQueriesContext(connection) as eight:
        body = client.get(LIST).content.decode()
    # then both lists take the same queries
    assert body.count('class="card seller-delivery-row"') == 8
    assert len(one) == len(eight) == LIST_QUERIES
