"""Applying a promo code to a checkout and taking it off: the code is a voucher or a gift
card (as in Saleor, one field for both). The checkout side (`checkout.promo_codes`) locks
the checkout and checks the voucher against its lines; these functions run under that lock.
"""

from __future__ import annotations

import datetime
from uuid import UUID

from django.utils.translation import gettext_lazy as _

from core.errors import fail
from promotions.models import CheckoutPromoCode, GiftCard, Voucher, VoucherUsage
from promotions.pricing import gift_card_usable, normalize_code

PromoCode = Voucher | GiftCard


def find_code(code: str) -> PromoCode:
    """The voucher or gift card with this code (any case), else INVALID."""
    normalized = normalize_code(code)
    if normalized:
        voucher = Voucher.objects.filter(code=normalized).first()
        if voucher is not None:
            return voucher
        card = GiftCard.objects.filter(code=normalized).first()
        if card is not None:
            return card
    fail("promo_code", _("Promo code is invalid."), "INVALID")


def customer_uses(voucher: Voucher, customer_key: str | None) -> int:
    if not customer_key:
        return 0
    return VoucherUsage.objects.filter(voucher=voucher, customer_key=customer_key).count()


def check_customer_limit(voucher: Voucher, customer_key: str | None) -> None:
    limit = voucher.limit_per_customer
    if limit is not None and customer_uses(voucher, customer_key) >= limit:
        fail(
            "promo_code",
            _("You have already used this voucher as many times as it allows."),
            "VOUCHER_NOT_APPLICABLE",
        )


def check_gift_card(card: GiftCard, today: datetime.date) -> None:
    if not gift_card_usable(card, today):
        fail(
            "promo_code",
            _("This gift card is expired, inactive or empty."),
            "GIFT_CARD_NOT_APPLICABLE",
        )


def attach_voucher(token: UUID | str, voucher: Voucher) -> None:
    """The checkout's one voucher becomes this one (a new code replaces the old).

    Locks: none of its own; runs under the caller's lock on the checkout row."""
    CheckoutPromoCode.objects.filter(checkout_token=token, voucher__isnull=False).exclude(
        voucher=voucher
    ).delete()
    CheckoutPromoCode.objects.get_or_create(checkout_token=token, voucher=voucher)


def attach_gift_card(token: UUID | str, card: GiftCard) -> None:
    """Locks: none of its own; runs under the caller's lock on the checkout row."""
    CheckoutPromoCode.objects.get_or_create(checkout_token=token, gift_card=card)


def detach(token: UUID | str, *, code: str | None = None, gift_card_id: int | None = None) -> None:
    """Take a code off the checkout (by code, or a gift card by its id, as Saleor's
    `promoCodeId`); a code it does not carry changes nothing, as in Saleor.

    Locks: none of its own; runs under the caller's lock on the checkout row."""
    rows = CheckoutPromoCode.objects.filter(checkout_token=token)
    if gift_card_id is not None:
        rows.filter(gift_card_id=gift_card_id).delete()
        return
    normalized = normalize_code(code or "")
    if normalized:
        rows.filter(voucher__code=normalized).delete()
        rows.filter(gift_card__code=normalized).delete()


def forget_checkout(token: UUID | str) -> None:
    CheckoutPromoCode.objects.filter(checkout_token=token).delete()
