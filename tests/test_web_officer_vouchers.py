"""Vouchers in the officer console (`/can-bo/ma-giam-gia/`): the province funds them on all
its sellers, one of them or one of its collections (choices limited to the officer's
province; national officers choose the province), sees its sellers' own vouchers read only
with what each discounted; another province's are never shown nor changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import Collection
from checkout.complete_checkout import complete_checkout
from checkout.promo_codes import add_promo_code
from promotions.models import Voucher
from tests import factories
from tests.helpers.officer import AN_GIANG, DIEN_BIEN, superuser
from tests.helpers.promotions import voucher
from tests.helpers.seller_orders import signed_in, stall

pytestmark = pytest.mark.django_db

LIST = "/can-bo/ma-giam-gia/"
NEW = LIST + "moi/"
# session, user, officer profile, province, the menu's queue counts, the province's
# vouchers (count, page) and its sellers' own (count, page), each page with its sums
LIST_QUERIES = 9


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "scope": "province",
        "code": "dien-bien-tet",
        "name": "Tết Điện Biên giảm 10%",
        "value_type": "percentage",
        "value": "10",
        "min_spend_amount": "",
        "starts_at": "",
        "ends_at": "2030-02-10T22:00",
        "usage_limit": "",
        "limit_per_customer": "2",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _collection(province_code: str, name: str = "Quà Tết") -> Collection:
    return Collection.objects.create(
        name=name,
        slug=f"qua-tet-{province_code}-{Collection.objects.count()}",
        is_featured=True,
        province=factories.province(province_code),
    )


def _stall_voucher(seller: Any, code: str, **fields: Any) -> Voucher:
    values: dict[str, Any] = {
        "funder": "seller",
        "funding_province": None,
        "funding_seller": seller,
        "scope": "seller",
        "scope_province": None,
        "scope_seller": seller,
        "value_type": "fixed",
        "value": 15_000,
    }
    values.update(fields)
    return voucher(code, **values)


def _use(code: str, seller: Any, price: int = 300_000) -> None:
    buyer = factories.user()
    variant = factories.product(owner=seller, stock=9, price=price).variants.get()
    checkout = factories.checkout([(variant, 1)], buyer=buyer, email=buyer.email)
    add_promo_code(checkout, code)
    complete_checkout(checkout.pk, buyer)


def _vouchers() -> list[tuple[Any, ...]]:
    return list(
        Voucher.objects.order_by("pk").values_list(
            "code", "is_active", "ends_at", "usage_limit", "limit_per_customer", "used"
        )
    )


def test_it_funds_a_voucher_for_every_seller_of_the_officers_province() -> None:
    # given Điện Biên's officer on the form
    officer = factories.officer(DIEN_BIEN)
    client = signed_in(officer)
    page = client.get(NEW).content.decode()
    assert 'name="code" value="DB-' in page  # from "Điện Biên"
    assert 'name="funding_province"' not in page  # theirs, not a choice
    # when they create a 10 % voucher for every seller of the province
    response = client.post(NEW, _form())
    # then the province funds it, on its own sellers
    assert response.status_code == 302
    assert response["Location"] == LIST
    made = Voucher.objects.get()
    dien_bien = factories.province(DIEN_BIEN)
    assert (made.code, made.funder, made.funding_province, made.scope, made.scope_province) == (
        "DIEN-BIEN-TET",
        "province",
        dien_bien,
        "province",
        dien_bien,
    )
    assert (made.limit_per_customer, made.created_by) == (2, officer)
    body = client.get(LIST).content.decode()
    assert "Đã lưu mã giảm giá DIEN-BIEN-TET." in body
    assert "<dt>Áp dụng cho</dt><dd>Mọi người bán của Điện Biên</dd>" in body


def test_it_offers_only_the_provinces_sellers_and_collections_and_funds_one_of_each() -> None:
    # given a Điện Biên stall and collection, and An Giang's
    officer = factories.officer(DIEN_BIEN)
    ours, _ = stall()
    theirs = factories.seller(province_code=AN_GIANG, owner=factories.user())
    our_collection, their_collection = _collection(DIEN_BIEN), _collection(AN_GIANG, "Quà miền Tây")
    client = signed_in(officer)
    # when the officer opens the form
    page = client.get(NEW).content.decode()
    # then only Điện Biên's are offered
    assert f'<option value="{ours.pk}">{ours.stall_name} (Điện Biên)</option>' in page
    assert f'value="{theirs.pk}"' not in page
    assert f'<option value="{our_collection.pk}">Quà Tết</option>' in page
    assert "Quà miền Tây" not in page
    # and when they fund one for the stall and one for the collection
    one = client.post(NEW, _form(code="DB-STALL", scope="seller", scope_seller=str(ours.pk)))
    two = client.post(
        NEW, _form(code="DB-QUA", scope="collection", scope_collection=str(our_collection.pk))
    )
    # then both are saved with their scope
    assert (one.status_code, two.status_code) == (302, 302)
    assert list(
        Voucher.objects.order_by("pk").values_list(
            "code", "scope", "scope_seller", "scope_collection"
        )
    ) == [("DB-STALL", "seller", ours.pk, None), ("DB-QUA", "collection", None, our_collection.pk)]
    # and another province's stall or collection, sent anyway, is refused with nothing saved
    for bad, message in (
        (
            _form(code="DB-X1", scope="seller", scope_seller=str(theirs.pk)),
            "Chọn một người bán trong danh sách.",
        ),
        (
            _form(code="DB-X2", scope="collection", scope_collection=str(their_collection.pk)),
            "Chọn một bộ sưu tập trong danh sách.",
        ),
    ):
        refused = client.post(NEW, bad)
        assert refused.status_code == 400
        assert message in refused.content.decode()
    assert Voucher.objects.count() == 2


def test_it_names_every_mistake_in_vietnamese_and_saves_nothing() -> None:
    # given Điện Biên's officer
    client = signed_in(factories.officer(DIEN_BIEN))
    # when they choose one seller but none, a fixed amount of "12,5" and no name
    response = client.post(
        NEW, _form(scope="seller", value_type="fixed", value="12,5", name="", ends_at="")
    )
    body = response.content.decode()
    # then each is in the summary and at its field, in Vietnamese; nothing saved
    assert response.status_code == 400
    assert (
        '<a href="#id_scope_seller">Người bán (khi áp dụng cho một người bán): Chọn người bán.</a>'
        in body
    )
    assert '<a href="#id_value">Mức giảm: Nhập số tiền nguyên bằng đồng, ví dụ 30.000.</a>' in body
    assert '<a href="#id_name">Tên người mua thấy: Nhập tên người mua sẽ thấy.</a>' in body
    assert 'href="#id_scope_0"' not in body  # the missing seller is said once, at its field
    assert Voucher.objects.count() == 0


def test_a_national_officer_chooses_the_funding_province_and_sees_every_province() -> None:
    # given a national officer, An Giang's voucher and a Điện Biên stall's own
    national = factories.officer(None)
    voucher(
        "AG-1",
        funding_province=factories.province(AN_GIANG),
        scope_province=factories.province(AN_GIANG),
    )
    _stall_voucher(stall()[0], "STALL-DB")
    client = signed_in(national)
    # when they send a voucher without a province, then for An Giang
    missing = client.post(NEW, _form(code="AG-2"))
    made = client.post(
        NEW, _form(code="AG-2", funding_province=str(factories.province(AN_GIANG).pk))
    )
    # then the first is refused at the province field, the second is An Giang's
    assert missing.status_code == 400
    assert '<a href="#id_funding_province">Tỉnh chi trả: ' in missing.content.decode()
    assert made.status_code == 302
    assert Voucher.objects.get(code="AG-2").funding_province.code == AN_GIANG
    # and the list shows every province's and every stall's
    body = client.get(LIST).content.decode()
    assert all(code in body for code in ("AG-1", "AG-2", "STALL-DB"))


def test_it_lists_the_provinces_vouchers_and_its_sellers_own_with_what_each_discounted() -> None:
    # given Điện Biên's 10 % voucher used on a 300.000 ₫ order, a Điện Biên stall's own used
    # once, and An Giang's voucher and stall voucher
    seller, _ = stall()
    voucher("DB-10")
    _use("DB-10", seller)
    _stall_voucher(seller, "STALL-15K")
    _use("STALL-15K", seller)
    voucher(
        "AG-10",
        funding_province=factories.province(AN_GIANG),
        scope_province=factories.province(AN_GIANG),
    )
    _stall_voucher(factories.seller(province_code=AN_GIANG), "AG-STALL")
    # when Điện Biên's officer opens the list
    body = signed_in(factories.officer(DIEN_BIEN)).get(LIST).content.decode()
    # then the province's and its stalls' show, with their totals; An Giang's do not
    province_part, stalls_part = body.split('id="seller-vouchers-title"')
    assert "DB-10" in province_part and "<dt>Đã giảm đến nay</dt><dd>30.000 ₫</dd>" in province_part
    assert "STALL-15K" in stalls_part and "<dt>Đã giảm đến nay</dt><dd>15.000 ₫</dd>" in stalls_part
    assert f"<dd>Gian hàng {seller.stall_name}</dd>" in stalls_part
    assert "/can-bo/ma-giam-gia/" + str(Voucher.objects.get(code="STALL-15K").pk) not in body
    assert "AG-10" not in body and "AG-STALL" not in body


def test_it_changes_and_ends_the_provinces_voucher() -> None:
    # given Điện Biên's unused voucher
    made = voucher("DB-10")
    client = signed_in(factories.officer(DIEN_BIEN))
    detail = f"{LIST}{made.pk}/"
    # when the officer limits it to 200 uses, then ends it
    changed = client.post(detail, {"usage_limit": "200", "limit_per_customer": "", "ends_at": ""})
    ended = client.post(detail + "ket-thuc/")
    # then both are done, and it stays listed as ended
    assert (changed.status_code, ended.status_code) == (302, 302)
    made.refresh_from_db()
    assert (made.usage_limit, made.is_active) == (200, False)
    body = client.get(LIST).content.decode()
    assert '<span class="status-badge" data-state="ended">Đã kết thúc</span>' in body


def test_it_keeps_every_page_and_action_to_the_provinces_officers() -> None:
    # given Điện Biên's voucher and everyone who might try it
    made = voucher("DB-10")
    before = _vouchers()
    detail = f"{LIST}{made.pk}/"
    _, stall_owner = stall()
    people = {
        "anonymous": None,
        "customer": factories.user(),
        "seller": stall_owner,
        "other officer": factories.officer(AN_GIANG),
        "staff": factories.user(is_staff=True),
    }
    for who, user in people.items():
        client = signed_in(user)
        # when they open the pages and try to create, change and end
        pages = [client.get(LIST), client.get(NEW), client.get(detail)]
        posts = [
            client.post(detail, {"usage_limit": "1"}),
            client.post(detail + "ket-thuc/"),
            client.post(NEW, _form(code="KHAC-01")),
        ]
        codes = [r.status_code for r in pages + posts]
        if user is None:
            assert codes == [302] * 6, who
            assert pages[0]["Location"] == f"/dang-nhap/?next={LIST}"
        elif who == "other officer":
            # An Giang's officer works in An Giang: Điện Biên's voucher is not found
            assert codes == [200, 200, 404, 404, 404, 302], who
            assert "DB-10" not in pages[0].content.decode()
            assert Voucher.objects.get(code="KHAC-01").funding_province.code == AN_GIANG
            Voucher.objects.filter(code="KHAC-01").delete()
        else:
            assert codes == [403] * 6, who
        # and Điện Biên's voucher did not change
        assert _vouchers() == before, who
    # while Điện Biên's officer and a superuser open all three pages
    for user in (factories.officer(DIEN_BIEN), superuser()):
        client = signed_in(user)
        assert [client.get(p).status_code for p in (LIST, NEW, detail)] == [200, 200, 200]


def test_it_refuses_changes_without_csrf() -> None:
    made = voucher("DB-10")
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.officer(DIEN_BIEN))
    assert client.post(f"{LIST}{made.pk}/ket-thuc/").status_code == 403
    assert Voucher.objects.get().is_active is True


def test_it_lists_any_number_of_vouchers_in_the_same_queries() -> None:
    # given Điện Biên with one voucher of each kind, then with twelve of each
    seller, _ = stall()
    client = signed_in(factories.officer(DIEN_BIEN))
    voucher("DB-0")
    _stall_voucher(seller, "STALL-0")
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    for n in range(1, 12):
        voucher(f"DB-{n}")
        _stall_voucher(seller, f"STALL-{n}")
    # when the list is opened again
    with CaptureQueriesContext(connection) as many:
        body = client.get(LIST).content.decode()
    # then it costs the same, pinned
    assert body.count('class="voucher-code"') == 24
    assert len(one) == len(many) == LIST_QUERIES, [q["sql"] for q in many.captured_queries]
