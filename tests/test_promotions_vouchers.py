"""Creating a voucher: its rules (scope, value, dates) and who may fund it — a province's
officers for their sellers, a seller's members for their own products, staff for any."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import ValidationErrors
from promotions.models import Voucher
from promotions.vouchers import do_create_voucher
from tests import factories


def _province_voucher(**fields: Any) -> Voucher:
    values: dict[str, Any] = {
        "code": "tet-2026",
        "name": "Tết 2026",
        "value_type": "percentage",
        "value": 15,
        "funder": "province",
        "funding_province": factories.province("11"),
        "scope": "province",
        "scope_province": factories.province("11"),
    }
    values.update(fields)
    return Voucher(**values)


def _codes(exc: pytest.ExceptionInfo[ValidationErrors]) -> list[tuple[str | None, str]]:
    return [(e.field, e.code) for e in exc.value.errors]


def test_it_lets_an_officer_fund_a_voucher_for_their_province(db: Any) -> None:
    # given Điện Biên's officer
    officer = factories.officer("11")
    # when they create a voucher for Điện Biên's sellers
    made = do_create_voucher(officer, _province_voucher())
    # then it is saved with its code in upper case, created by them, unused
    assert (made.code, made.created_by, made.used) == ("TET-2026", officer, 0)


@pytest.mark.parametrize(
    "who", ["customer", "other_province_officer", "seller_member", "anonymous"]
)
def test_it_refuses_a_province_voucher_to_anyone_else(db: Any, who: str) -> None:
    # given someone who is not Điện Biên's officer (nor staff)
    if who == "customer":
        user: Any = factories.user()
    elif who == "other_province_officer":
        user = factories.officer("01")
    elif who == "seller_member":
        user = factories.user()
        factories.seller(owner=user)
    else:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    # when they try to create Điện Biên's voucher
    with pytest.raises(ValidationErrors) as refused:
        do_create_voucher(user, _province_voucher())
    # then it is refused and nothing is saved
    assert _codes(refused) == [(None, "PERMISSION_DENIED")]
    assert Voucher.objects.count() == 0


def test_it_lets_a_seller_fund_a_voucher_on_its_own_products_only(db: Any) -> None:
    # given a seller's owner, and another seller
    owner = factories.user()
    stall, other = factories.seller(owner=owner), factories.seller()
    own = _province_voucher(
        funder="seller",
        funding_province=None,
        funding_seller=stall,
        scope="seller",
        scope_province=None,
        scope_seller=stall,
        value_type="fixed",
        value=20_000,
    )
    # when the owner funds one on its stall, and one on the other seller's products
    made = do_create_voucher(owner, own)
    with pytest.raises(ValidationErrors) as refused:
        do_create_voucher(
            owner,
            _province_voucher(
                code="KHAC",
                funder="seller",
                funding_province=None,
                funding_seller=stall,
                scope="seller",
                scope_province=None,
                scope_seller=other,
            ),
        )
    # then the first is saved, the second refused for its scope
    assert made.pk is not None
    assert _codes(refused) == [("scope", "INVALID")]
    # and a member of the other seller may not fund on this stall at all
    stranger = factories.user()
    factories.seller(owner=stranger)
    with pytest.raises(ValidationErrors) as denied:
        do_create_voucher(
            stranger,
            _province_voucher(
                code="LA-01",
                **{
                    "funder": "seller",
                    "funding_province": None,
                    "funding_seller": stall,
                    "scope": "seller",
                    "scope_province": None,
                    "scope_seller": stall,
                },
            ),
        )
    assert _codes(denied) == [(None, "PERMISSION_DENIED")]


def test_it_reports_every_broken_rule_at_once(db: Any) -> None:
    # given staff, and a voucher of 150 %, ending before it starts, on another province
    import datetime

    from django.utils import timezone

    staff = factories.user(is_staff=True)
    now = timezone.now()
    bad = _province_voucher(
        value=150,
        starts_at=now,
        ends_at=now - datetime.timedelta(days=1),
        scope_province=factories.province("01"),
    )
    # when it is created
    with pytest.raises(ValidationErrors) as refused:
        do_create_voucher(staff, bad)
    # then every rule is named
    assert _codes(refused) == [("value", "INVALID"), ("ends_at", "INVALID"), ("scope", "INVALID")]


def test_it_refuses_a_code_already_used_by_a_gift_card(db: Any) -> None:
    # given a gift card with the code
    from tests.helpers.promotions import gift_card

    gift_card(code="TET-2026")
    # when staff create a voucher with it (any case)
    with pytest.raises(ValidationErrors) as refused:
        do_create_voucher(factories.user(is_staff=True), _province_voucher(code="Tet-2026"))
    # then it is refused: one promo-code field takes both
    assert _codes(refused) == [("code", "UNIQUE")]
