"""Running a voucher after it is made (promotions.voucher_changes, voucher_lists): ending it
now keeps it and its orders' discounts, its limits change only before its first use, a
code is suggested free, and the lists read its state and what it has discounted."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from checkout.complete_checkout import complete_checkout
from checkout.promo_codes import add_promo_code
from core.errors import ValidationErrors
from orders.actions import do_cancel
from promotions.models import OrderDiscount, Voucher
from promotions.voucher_changes import do_change_voucher, do_end_voucher, suggest_code
from promotions.voucher_lists import (
    province_vouchers,
    seller_vouchers,
    sellers_own_vouchers,
    value_text,
    voucher_state,
)
from promotions.vouchers import check_new_voucher
from tests import factories
from tests.helpers.promotions import voucher

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _codes(refused: pytest.ExceptionInfo[ValidationErrors]) -> list[tuple[str | None, str]]:
    return [(e.field, e.code) for e in refused.value.errors]


def _stall_voucher(seller: Any, code: str = "HTX-10K", **fields: Any) -> Voucher:
    values: dict[str, Any] = {
        "funder": "seller",
        "funding_province": None,
        "funding_seller": seller,
        "scope": "seller",
        "scope_province": None,
        "scope_seller": seller,
        "value_type": "fixed",
        "value": 10_000,
    }
    values.update(fields)
    return voucher(code, **values)


def _order_with(code: str, seller: Any, price: int = 100_000) -> Any:
    buyer = factories.user()
    variant = factories.product(owner=seller, stock=20, price=price).variants.get()
    checkout = factories.checkout([(variant, 1)], buyer=buyer, email=buyer.email)
    add_promo_code(checkout, code)
    return complete_checkout(checkout.pk, buyer).orders[0]


def test_it_ends_a_voucher_now_and_keeps_it_and_its_orders_discounts() -> None:
    # given a stall's voucher used on one order
    owner = factories.user()
    seller = factories.seller(owner=owner)
    made = _stall_voucher(seller)
    order = _order_with(made.code, seller)
    # when its owner ends it
    before = timezone.now()
    ended = do_end_voucher(owner, made.pk)
    # then it stays, inactive, ending now, and the order keeps its 10.000 ₫ discount
    fresh = Voucher.objects.get(pk=made.pk)
    assert (fresh.is_active, fresh.used) == (False, 1)
    assert fresh.ends_at is not None and before <= fresh.ends_at <= timezone.now()
    assert ended.ends_at == fresh.ends_at
    assert list(OrderDiscount.objects.filter(order=order).values_list("amount", flat=True)) == [
        10_000
    ]
    assert voucher_state(fresh, timezone.now()) == "ended"
    # and a new cart can no longer take it
    variant = factories.product(owner=seller, stock=5).variants.get()
    cart = factories.checkout([(variant, 1)])
    with pytest.raises(ValidationErrors) as refused:
        add_promo_code(cart, made.code)
    assert _codes(refused) == [("promo_code", "VOUCHER_NOT_APPLICABLE")]


def test_it_ends_a_scheduled_voucher_at_its_start_and_an_ended_one_again_without_change() -> None:
    # given Điện Biên's voucher starting tomorrow and one that ended yesterday
    officer = factories.officer("11")
    start = timezone.now() + datetime.timedelta(days=1)
    later = voucher("LATER", starts_at=start)
    past_end = timezone.now() - datetime.timedelta(days=1)
    past = voucher("PAST", starts_at=past_end - HOUR, ends_at=past_end)
    # when the officer ends both
    do_end_voucher(officer, later.pk)
    do_end_voucher(officer, past.pk)
    # then the scheduled one ends at its start (an empty window), the past one is untouched
    assert list(Voucher.objects.values_list("code", "is_active", "ends_at").order_by("code")) == [
        ("LATER", False, start),
        ("PAST", True, past_end),
    ]


@pytest.mark.parametrize("who", ["other province officer", "other seller", "customer"])
def test_it_refuses_to_end_a_voucher_to_anyone_else_and_changes_nothing(who: str) -> None:
    # given Điện Biên's voucher and someone who does not fund it
    made = voucher()
    user = {
        "other province officer": lambda: factories.officer("01"),
        "other seller": lambda: factories.seller(owner=factories.user()).members.get().user,
        "customer": factories.user,
    }[who]()
    # when they try to end it, or to change its limits
    with pytest.raises(ValidationErrors) as refused:
        do_end_voucher(user, made.pk)
    with pytest.raises(ValidationErrors) as refused_change:
        do_change_voucher(user, made.pk, usage_limit=1, limit_per_customer=None, ends_at=None)
    # then both are refused as not found, and the voucher is as it was
    assert _codes(refused) == _codes(refused_change) == [(None, "NOT_FOUND")]
    fresh = Voucher.objects.get(pk=made.pk)
    assert (fresh.is_active, fresh.ends_at, fresh.usage_limit) == (True, None, None)


def test_it_changes_limits_and_end_before_the_first_use_only() -> None:
    # given a stall's voucher nobody has used
    owner = factories.user()
    seller = factories.seller(owner=owner)
    made = _stall_voucher(seller)
    end = timezone.now() + datetime.timedelta(days=7)
    # when its owner sets 50 uses, 2 per buyer and an end in a week
    do_change_voucher(owner, made.pk, usage_limit=50, limit_per_customer=2, ends_at=end)
    fresh = Voucher.objects.get(pk=made.pk)
    assert (fresh.usage_limit, fresh.limit_per_customer, fresh.ends_at) == (50, 2, end)
    # and once a buyer has used it, a change is refused and nothing moves
    _order_with(made.code, seller)
    with pytest.raises(ValidationErrors) as refused:
        do_change_voucher(owner, made.pk, usage_limit=500, limit_per_customer=None, ends_at=None)
    assert _codes(refused) == [(None, "INVALID")]
    fresh = Voucher.objects.get(pk=made.pk)
    assert (fresh.usage_limit, fresh.limit_per_customer, fresh.ends_at) == (50, 2, end)


def test_it_refuses_limits_that_make_no_sense_all_at_once() -> None:
    # given an unused voucher
    officer = factories.officer("11")
    made = voucher()
    # when the per-buyer limit exceeds the total and the end is past
    with pytest.raises(ValidationErrors) as refused:
        do_change_voucher(
            officer,
            made.pk,
            usage_limit=3,
            limit_per_customer=5,
            ends_at=timezone.now() - HOUR,
        )
    # then both are named, and a zero limit is refused too
    assert _codes(refused) == [("limit_per_customer", "INVALID"), ("ends_at", "INVALID")]
    with pytest.raises(ValidationErrors) as zero:
        do_change_voucher(officer, made.pk, usage_limit=0, limit_per_customer=None, ends_at=None)
    assert _codes(zero) == [("usage_limit", "INVALID")]


def test_it_checks_a_new_vouchers_code_name_and_end_at_once() -> None:
    # given a voucher with a taken code, no name and an end already past
    voucher("TAKEN")
    seller = factories.seller()
    new = Voucher(
        code="taken",
        name=" ",
        value_type="percentage",
        value=10,
        funder="seller",
        funding_seller=seller,
        scope="seller",
        scope_seller=seller,
        ends_at=timezone.now() - HOUR,
    )
    # when it is checked
    with pytest.raises(ValidationErrors) as refused:
        check_new_voucher(new)
    # then each is named
    assert _codes(refused) == [("code", "UNIQUE"), ("name", "REQUIRED"), ("ends_at", "INVALID")]


def test_it_suggests_a_free_code_from_the_initials() -> None:
    # given a stall's name with Vietnamese letters
    # when a code is suggested
    code = suggest_code("Hợp tác xã Mật ong Điện Biên")
    # then it is the folded initials and four letters, and no voucher has it
    assert code.startswith("HTXMODB-")
    assert len(code) == len("HTXMODB-") + 4
    check_new_voucher(
        Voucher(
            code=code,
            name="Thử",
            value_type="percentage",
            value=5,
            funder="province",
            funding_province=factories.province("11"),
            scope="province",
            scope_province=factories.province("11"),
        )
    )


def test_it_reads_states_and_values_as_people_say_them() -> None:
    now = timezone.now()
    cases = {
        "scheduled": Voucher(starts_at=now + HOUR, is_active=True),
        "active": Voucher(starts_at=now - HOUR, usage_limit=5, used=4, is_active=True),
        "used_up": Voucher(starts_at=now - HOUR, usage_limit=5, used=5, is_active=True),
        "ended": Voucher(starts_at=now - HOUR, ends_at=now, is_active=True),
    }
    assert {state: voucher_state(v, now).value for state, v in cases.items()} == {
        "scheduled": "scheduled",
        "active": "active",
        "used_up": "used_up",
        "ended": "ended",
    }
    assert value_text(Voucher(value_type="percentage", value=10)) == "10 %"
    assert value_text(Voucher(value_type="fixed", value=20_000)) == "20.000 ₫"


def test_it_sums_what_each_voucher_discounted_in_the_lists_query_leaving_cancelled_orders_out() -> (
    None
):
    # given a stall's voucher used on two orders, one of them cancelled, and one never used
    owner = factories.user()
    seller = factories.seller(owner=owner)
    used = _stall_voucher(seller)
    _stall_voucher(seller, code="UNUSED")
    _order_with(used.code, seller)
    cancelled = _order_with(used.code, seller)
    do_cancel(cancelled.pk, owner, reason="Hết hàng")
    # when the stall's list is read
    with CaptureQueriesContext(connection) as captured:
        found = {v.code: v.discounted for v in seller_vouchers(seller.pk)}
    # then one query gives 10.000 ₫ for the used one and 0 for the other
    assert found == {"HTX-10K": 10_000, "UNUSED": 0}
    assert len(captured) == 1


def test_it_lists_a_provinces_vouchers_and_its_sellers_own_apart() -> None:
    # given Điện Biên's voucher, An Giang's, and a Điện Biên stall's own
    voucher("DB-1")
    voucher(
        "AG-1", funding_province=factories.province("91"), scope_province=factories.province("91")
    )
    _stall_voucher(factories.seller(province_code="11"), code="STALL-1")
    _stall_voucher(factories.seller(province_code="91"), code="STALL-2")
    dien_bien = factories.province("11").pk
    # when Điện Biên's lists are read, and the national ones
    # then each holds its own
    assert [v.code for v in province_vouchers(dien_bien)] == ["DB-1"]
    assert [v.code for v in sellers_own_vouchers(dien_bien)] == ["STALL-1"]
    assert sorted(v.code for v in province_vouchers(None)) == ["AG-1", "DB-1"]
    assert sorted(v.code for v in sellers_own_vouchers(None)) == ["STALL-1", "STALL-2"]


def test_it_answers_the_loser_of_a_race_for_a_code_with_the_codes_error(monkeypatch: Any) -> None:
    # given a code another creator saves between the check and the insert
    from promotions import vouchers

    officer = factories.officer("11")
    monkeypatch.setattr(vouchers, "check_new_voucher", lambda voucher: None)
    voucher("RACE-1")
    late = Voucher(
        code="RACE-1",
        name="Thử",
        value_type="percentage",
        value=5,
        funder="province",
        funding_province=factories.province("11"),
        scope="province",
        scope_province=factories.province("11"),
    )
    # when it is created
    with pytest.raises(ValidationErrors) as refused:
        vouchers.do_create_voucher(officer, late)
    # then the unique index's refusal is said at the code, and one voucher exists
    assert _codes(refused) == [("code", "UNIQUE")]
    assert Voucher.objects.filter(code="RACE-1").count() == 1
