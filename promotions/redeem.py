"""Spending a checkout's voucher and gift cards when it completes, and giving them back
when its orders are canceled.

Both run inside the caller's transaction (the completion's, or the cancellation's), after
the order rows are written and before the stock rows are locked (lock order in
`checkout.lock_objects`). No read-then-write: every counter moves by one conditional
UPDATE, whose implicit row lock serialises concurrent completions, so a voucher is never
used beyond its limit and a card never goes below zero, whatever runs at the same time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationErrors, fail
from orders.models import Order, OrderGroup, OrderStatus
from promotions.codes import check_customer_limit, forget_checkout
from promotions.models import (
    GiftCard,
    GiftCardCharge,
    OrderDiscount,
    Voucher,
    VoucherUsage,
)
from promotions.pricing import AppliedPromotions


def _take_voucher_use(voucher: Voucher) -> None:
    now = timezone.now()
    taken = (
        Voucher.objects.filter(pk=voucher.pk, is_active=True, starts_at__lte=now)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .filter(Q(usage_limit__isnull=True) | Q(used__lt=F("usage_limit")))
        .update(used=F("used") + 1)
    )
    if not taken:
        fail("promo_code", _("This voucher has been used up."), "VOUCHER_NOT_APPLICABLE")


def _take_gift_card_balances(charges: Mapping[int, int], cards: Mapping[int, GiftCard]) -> None:
    today = timezone.localdate()
    for pk in sorted(charges):  # pk order: two completions sharing cards cannot deadlock
        taken = (
            GiftCard.objects.filter(pk=pk, is_active=True, current_balance_amount__gte=charges[pk])
            .filter(Q(expiry_date__isnull=True) | Q(expiry_date__gte=today))
            .update(current_balance_amount=F("current_balance_amount") - charges[pk])
        )
        if not taken:
            fail(
                "promo_code",
                _("The gift card %(card)s no longer covers this amount."),
                "GIFT_CARD_NOT_APPLICABLE",
                card=str(cards[pk]),
            )


def redeem(
    applied: AppliedPromotions,
    token: object,
    group: OrderGroup,
    orders: Sequence[Order],
    customer_key: str | None,
) -> None:
    """Count the voucher's use, debit the gift cards, and record each seller order's share.

    Raises ValidationErrors (VOUCHER_NOT_APPLICABLE, GIFT_CARD_NOT_APPLICABLE): the caller's
    transaction then rolls the orders back.

    Locks: the voucher row, then the gift card rows in pk order, each by a conditional
    UPDATE (FOR UPDATE, implicit), held until the caller commits.
    """
    voucher = applied.voucher
    if voucher is not None:
        if applied.voucher_problem is not None:
            raise ValidationErrors([applied.voucher_problem])
        _take_voucher_use(voucher)
        # After the UPDATE: a concurrent use by the same buyer has committed by now.
        check_customer_limit(voucher, customer_key)
        VoucherUsage.objects.create(
            voucher=voucher, group=group, customer_key=customer_key or f"group:{group.pk}"
        )
        OrderDiscount.objects.bulk_create(
            OrderDiscount(
                order=order,
                voucher=voucher,
                code=voucher.code,
                name=voucher.name,
                name_en=voucher.name_en,
                value_type=voucher.value_type,
                value=voucher.value,
                funder=voucher.funder,
                amount=applied.discounts[order.seller_id],
            )
            for order in orders
            if applied.discounts.get(order.seller_id)
        )
    per_card: dict[int, int] = {}
    cards: dict[int, GiftCard] = {}
    rows = []
    for order in orders:
        for card, amount in applied.gift_card_charges.get(order.seller_id, ()):
            per_card[card.pk] = per_card.get(card.pk, 0) + amount
            cards[card.pk] = card
            rows.append(GiftCardCharge(gift_card=card, order=order, amount=amount))
    _take_gift_card_balances(per_card, cards)
    GiftCardCharge.objects.bulk_create(rows)
    forget_checkout(str(token))


def give_back(order: Order) -> None:
    """A canceled order returns what its gift cards paid; the voucher's use returns when
    the last live order of its group is canceled. Once: charges are marked returned, the
    usage row deleted.

    Locks: the gift card rows and the voucher row by conditional UPDATE (implicit), under
    the caller's lock on the order row.
    """
    for charge in GiftCardCharge.objects.filter(order=order, returned=False).order_by(
        "gift_card_id", "pk"
    ):
        if GiftCardCharge.objects.filter(pk=charge.pk, returned=False).update(returned=True):
            GiftCard.objects.filter(pk=charge.gift_card_id).update(
                current_balance_amount=F("current_balance_amount") + charge.amount
            )
    if not OrderDiscount.objects.filter(order__group_id=order.group_id).exists():
        return
    live = (
        Order.objects.filter(group_id=order.group_id)
        .exclude(pk=order.pk)
        .exclude(status=OrderStatus.CANCELED)
        .exists()
    )
    if live:
        return
    for usage in VoucherUsage.objects.filter(group_id=order.group_id):
        if VoucherUsage.objects.filter(pk=usage.pk).delete()[0]:
            Voucher.objects.filter(pk=usage.voucher_id, used__gt=0).update(used=F("used") - 1)
