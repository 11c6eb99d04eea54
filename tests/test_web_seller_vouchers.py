"""The seller centre's vouchers (`/kenh-nguoi-ban/ma-giam-gia/`): the stall's own listed with
their state and use, a new one typed as people write amounts and dates (Viet Nam time),
every mistake named in Vietnamese with nothing saved, limits changed before the first use,
ending one now; for the stall's members only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from checkout.complete_checkout import complete_checkout
from checkout.promo_codes import add_promo_code
from promotions.models import Voucher
from tests import factories
from tests.helpers.promotions import voucher
from tests.helpers.seller_orders import matrix, signed_in, stall

pytestmark = pytest.mark.django_db

LIST = "/kenh-nguoi-ban/ma-giam-gia/"
NEW = LIST + "moi/"
# session, user, membership, the vouchers' count and page (each with its discounted sum),
# the menu's new-order count
LIST_QUERIES = 6
VN = datetime.timezone(datetime.timedelta(hours=7))


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "code": "mat-ong-tet",
        "name": "Giảm 20.000 ₫ mật ong",
        "name_en": "",
        "value_type": "fixed",
        "value": "20.000",
        "min_spend_amount": "150.000 ₫",
        "starts_at": "2030-01-20T08:00",
        "ends_at": "2030-02-10T22:00",
        "usage_limit": "100",
        "limit_per_customer": "1",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _own(seller: Any, code: str = "STALL-1", **fields: Any) -> Voucher:
    values: dict[str, Any] = {
        "funder": "seller",
        "funding_province": None,
        "funding_seller": seller,
        "scope": "seller",
        "scope_province": None,
        "scope_seller": seller,
    }
    values.update(fields)
    return voucher(code, **values)


def _vouchers() -> list[tuple[Any, ...]]:
    return list(
        Voucher.objects.order_by("pk").values_list(
            "code", "is_active", "ends_at", "usage_limit", "limit_per_customer", "used"
        )
    )


def _use(made: Voucher, seller: Any) -> None:
    buyer = factories.user()
    variant = factories.product(owner=seller, stock=9, price=200_000).variants.get()
    checkout = factories.checkout([(variant, 1)], buyer=buyer, email=buyer.email)
    add_promo_code(checkout, made.code)
    complete_checkout(checkout.pk, buyer)


def test_it_creates_a_voucher_on_the_stalls_products_and_lists_it_in_viet_nam_time() -> None:
    # given a stall's owner on the voucher form, which suggests a code
    seller, owner = stall()
    client = signed_in(owner)
    page = client.get(NEW).content.decode()
    assert 'name="code" value="HTN' in page  # "HTX Thử nghiệm n" → HTNn-…
    # when they create a fixed 20.000 ₫ voucher from 150.000 ₫, 20 Jan to 10 Feb 2030
    response = client.post(NEW, _form())
    # then it is saved upper case, funded by the stall on its own products, in VN time
    assert response.status_code == 302
    assert response["Location"] == LIST
    made = Voucher.objects.get()
    assert (made.code, made.funder, made.funding_seller, made.scope, made.scope_seller) == (
        "MAT-ONG-TET",
        "seller",
        seller,
        "seller",
        seller,
    )
    assert (made.value_type, made.value, made.min_spend_amount) == ("fixed", 20_000, 150_000)
    assert made.starts_at == datetime.datetime(2030, 1, 20, 8, 0, tzinfo=VN)
    assert made.ends_at == datetime.datetime(2030, 2, 10, 22, 0, tzinfo=VN)
    assert (made.usage_limit, made.limit_per_customer, made.created_by) == (100, 1, owner)
    # and the list says so in Vietnamese, with its state
    body = client.get(LIST).content.decode()
    assert "Đã lưu mã giảm giá MAT-ONG-TET." in body
    assert '<span class="voucher-code">MAT-ONG-TET</span>' in body
    assert '<span class="status-badge" data-state="scheduled">Đã lên lịch</span>' in body
    assert "20.000 ₫" in body and "150.000 ₫" in body
    assert "20/01/2030 08:00 – 10/02/2030 22:00" in body
    assert "<dd>0 / 100 · 1 lượt mỗi người mua</dd>" in body
    assert 'href="/kenh-nguoi-ban/ma-giam-gia/"' in body  # the menu's link


def test_it_shows_a_percentage_its_use_and_what_it_discounted() -> None:
    # given a stall's 10 % voucher used on one 200.000 ₫ order
    seller, owner = stall()
    made = _own(seller, value_type="percentage", value=10)
    _use(made, seller)
    # when its owner opens the list
    body = signed_in(owner).get(LIST).content.decode()
    # then it is active, used once without a limit, and has taken 20.000 ₫ off
    assert '<span class="status-badge" data-state="active">Đang áp dụng</span>' in body
    assert '<dd class="price">10 %</dd>' in body
    assert "<dd>1, không giới hạn</dd>" in body
    assert "<dt>Đã giảm đến nay</dt><dd>20.000 ₫</dd>" in body


def test_it_names_every_mistake_in_vietnamese_and_saves_nothing() -> None:
    # given a stall's owner
    _, owner = stall()
    client = signed_in(owner)
    # when they send a one-letter code, no name, a percentage of "abc", an end before the
    # start and more uses per buyer than in all
    response = client.post(
        NEW,
        _form(
            code="x",
            name=" ",
            value_type="percentage",
            value="abc",
            ends_at="2030-01-01T08:00",
            usage_limit="2",
            limit_per_customer="5",
        ),
    )
    body = response.content.decode()
    # then each is in the summary, linked to its field, and next to it, in Vietnamese
    assert response.status_code == 400
    assert 'class="error-summary"' in body
    assert '<a href="#id_code">Mã: Dùng từ 3 đến 32 chữ cái, chữ số hoặc dấu gạch ngang.</a>' in (
        body
    )
    assert '<a href="#id_value">Mức giảm: Nhập số phần trăm nguyên, ví dụ 10.</a>' in body
    assert '<a href="#id_name">Tên người mua thấy: Nhập tên người mua sẽ thấy.</a>' in body
    assert 'id="id_ends_at-error"' in body
    assert "Không được nhiều hơn tổng số lượt dùng." in body
    assert 'aria-describedby="id_value-hint id_value-error"' in body
    # and what was typed is kept, and nothing was written
    assert 'value="abc"' in body
    assert Voucher.objects.count() == 0


def test_it_refuses_a_code_in_use_and_a_fixed_amount_below_a_thousand() -> None:
    # given a voucher with the code already
    _, owner = stall()
    voucher("MAT-ONG-TET")
    # when the owner sends it again, with 500 ₫ off
    response = signed_in(owner).post(NEW, _form(code="Mat-Ong-Tet", value="500"))
    body = response.content.decode()
    # then both are named, and only the first voucher exists
    assert response.status_code == 400
    assert 'id="id_code-error"' in body and 'id="id_value-error"' in body
    assert Voucher.objects.count() == 1


def test_it_speaks_english_to_an_english_reader() -> None:
    _, owner = stall()
    response = signed_in(owner).post(NEW + "?hl=en", _form(value="ba mươi"))
    assert "Enter a whole amount in đồng, for example 30.000." in response.content.decode()


def test_it_changes_the_limits_before_the_first_use_and_ends_the_voucher_now() -> None:
    # given a stall's unused voucher
    seller, owner = stall()
    made = _own(seller)
    client = signed_in(owner)
    detail = f"{LIST}{made.pk}/"
    assert "Đổi giới hạn hoặc thời điểm kết thúc" in client.get(detail).content.decode()
    # when its owner sets 30 uses, 2 per buyer and an end, then ends it now
    changed = client.post(
        detail, {"usage_limit": "30", "limit_per_customer": "2", "ends_at": "2030-03-01T00:00"}
    )
    assert changed.status_code == 302
    made.refresh_from_db()
    assert (made.usage_limit, made.limit_per_customer) == (30, 2)
    assert made.ends_at == datetime.datetime(2030, 3, 1, tzinfo=VN)
    ended = client.post(detail + "ket-thuc/")
    # then it has ended, stays in the list, and offers neither change nor end any more
    assert ended.status_code == 302
    made.refresh_from_db()
    assert made.is_active is False and made.ends_at <= timezone.now()
    body = client.get(LIST).content.decode()
    assert "Mã giảm giá STALL-1 đã kết thúc." in body
    assert '<span class="status-badge" data-state="ended">Đã kết thúc</span>' in body
    page = client.get(detail).content.decode()
    assert "Kết thúc STALL-1 ngay" not in page and 'name="usage_limit"' not in page


def test_it_refuses_a_change_after_the_first_use_and_keeps_the_terms() -> None:
    # given a stall's voucher a buyer has used
    seller, owner = stall()
    made = _own(seller, usage_limit=5)
    _use(made, seller)
    before = _vouchers()
    client = signed_in(owner)
    # when its owner opens it and still posts new limits
    page = client.get(f"{LIST}{made.pk}/").content.decode()
    response = client.post(f"{LIST}{made.pk}/", {"usage_limit": "500"})
    # then only ending is offered, the change is refused with the reason, nothing moves
    assert 'name="usage_limit"' not in page and "Kết thúc STALL-1 ngay" in page
    assert response.status_code == 400
    assert "Mã giảm giá này đã được dùng hoặc đã kết thúc" in response.content.decode()
    assert _vouchers() == before


def test_it_keeps_every_page_and_action_to_the_stalls_members() -> None:
    # given a stall's voucher and everyone else
    seller, owner = stall()
    made = _own(seller)
    before = _vouchers()
    detail = f"{LIST}{made.pk}/"
    assert signed_in(owner).get(detail).status_code == 200
    for who, user in matrix(owner).items():
        client = signed_in(user)
        # when they open the pages and try to create, change and end
        pages = [client.get(LIST), client.get(NEW), client.get(detail)]
        posts = [
            client.post(detail, {"usage_limit": "1"}),
            client.post(detail + "ket-thuc/"),
            client.post(NEW, _form(code=f"KHAC-{who[:3].upper()}")),
        ]
        codes = [r.status_code for r in pages + posts]
        if user is None:
            # then the anonymous visitor is sent to sign in
            assert codes == [302] * 6, who
            assert pages[0]["Location"] == f"/dang-nhap/?next={LIST}"
        elif who == "other seller":
            # then another stall sees its own pages; this voucher is not found
            assert codes == [200, 200, 404, 404, 404, 302], who
            assert "STALL-1" not in pages[0].content.decode()
            # (its new voucher is its own stall's, not this one's)
            other = Voucher.objects.get(code="KHAC-OTH")
            assert other.funding_seller_id != seller.pk
            other.delete()
        else:
            # then customers, officers and staff without a stall are refused
            assert codes == [403] * 6, who
        # and this stall's vouchers did not change
        assert _vouchers() == before, who


def test_it_lists_any_number_of_vouchers_in_the_same_queries() -> None:
    # given a stall with one voucher, then with fifteen (some used)
    seller, owner = stall()
    client = signed_in(owner)
    _use(_own(seller, code="FIRST"), seller)
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    for n in range(14):
        _own(seller, code=f"MORE-{n}")
    # when the list is opened again
    with CaptureQueriesContext(connection) as many:
        body = client.get(LIST).content.decode()
    # then it costs the same, pinned
    assert body.count('class="voucher-code"') == 15
    assert len(one) == len(many) == LIST_QUERIES, [q["sql"] for q in many.captured_queries]
