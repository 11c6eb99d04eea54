"""Vouchers and gift cards under concurrent completions: never used beyond their limits,
never below zero (conditional UPDATEs under the completing transaction)."""

from __future__ import annotations

from collections import Counter

import pytest

from orders.models import OrderGroup
from promotions.models import CheckoutPromoCode, GiftCard, Voucher, VoucherUsage
from tests import factories
from tests.helpers.checkout import checkout_id
from tests.helpers.concurrency import complete_at_once, outcome_codes
from tests.helpers.promotions import gift_card, voucher

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),
]


def _carts(n: int, *, same_buyer: bool = False) -> list[str]:
    variant = factories.product(owner=factories.seller(), stock=500, price=100_000).variants.get()
    return [
        checkout_id(
            factories.checkout(
                [(variant, 1)], email="same@ocop.test" if same_buyer else f"b{i}@ocop.test"
            )
        )
        for i in range(n)
    ]


def _apply(ids: list[str], **codes: object) -> None:
    import graphene

    for gid in ids:
        token = graphene.Node.resolve_global_id(None, gid)[1]
        for field, promo in codes.items():
            CheckoutPromoCode.objects.create(checkout_token=token, **{field: promo})


def test_it_never_uses_a_voucher_beyond_its_limit_when_20_buyers_complete_at_once() -> None:
    # given a voucher for 5 uses in total, applied to 20 buyers' carts
    code = voucher(usage_limit=5)
    ids = _carts(20)
    _apply(ids, voucher=code)
    # when all 20 complete at the same instant
    results = complete_at_once(ids)
    # then exactly 5 got orders, the rest were told the voucher is used up
    assert outcome_codes(results) == Counter({"ORDER": 5, "VOUCHER_NOT_APPLICABLE": 15})
    code.refresh_from_db()
    assert (code.used, VoucherUsage.objects.count(), OrderGroup.objects.count()) == (5, 5, 5)


def test_it_holds_the_per_customer_limit_across_two_tabs() -> None:
    # given one guest buyer's two carts with a once-per-customer voucher
    code = voucher(limit_per_customer=1)
    ids = _carts(2, same_buyer=True)
    _apply(ids, voucher=code)
    # when both tabs complete at once
    results = complete_at_once(ids)
    # then one order, one refusal
    assert outcome_codes(results) == Counter({"ORDER": 1, "VOUCHER_NOT_APPLICABLE": 1})
    assert Voucher.objects.get().used == 1


def test_it_never_spends_a_gift_card_below_zero_when_buyers_share_it() -> None:
    # given a 250.000 ₫ card applied to 6 carts of 130.000 ₫ each (goods and delivery)
    card = gift_card(balance=250_000)
    ids = _carts(6)
    _apply(ids, gift_card=card)
    # when all complete at once
    results = complete_at_once(ids)
    # then every buyer got an order or was told the card no longer covers what it was
    # priced at (a cart priced before another's debit); the card never went negative and
    # lost exactly what it paid
    card.refresh_from_db()
    codes = outcome_codes(results)
    assert codes["ORDER"] + codes["GIFT_CARD_NOT_APPLICABLE"] == 6
    spent = sum(c.amount for c in card.charges.all())
    assert card.current_balance_amount == 250_000 - spent >= 0
    assert GiftCard.objects.get().current_balance_amount >= 0
