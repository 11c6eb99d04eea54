"""Adding a voucher or gift card code to a checkout and taking it off (Saleor's
`checkoutAddPromoCode` / `checkoutRemovePromoCode`; the web cart's promo-code field).

Both run as the `act` of `checkout.units.do_with_checkout`, under the checkout's lock. A
voucher is refused when it would take nothing off this cart now (scope, minimum spend,
dates, uses left, the buyer's own uses), so the buyer hears why at once; the same checks run
again when the checkout completes (`promotions.redeem`).
"""

from __future__ import annotations

from django.utils import timezone

from checkout.errors import ValidationErrors
from checkout.fetch import checkout_buyer_key, fetch_checkout_info
from checkout.models import Checkout
from promotions.codes import (
    attach_gift_card,
    attach_voucher,
    check_customer_limit,
    check_gift_card,
    detach,
    find_code,
)
from promotions.models import Voucher


def add_promo_code(checkout: Checkout, code: str) -> None:
    """Apply `code` (a voucher replaces the checkout's voucher; gift cards add up).

    Raises ValidationErrors: INVALID (no such code), VOUCHER_NOT_APPLICABLE,
    GIFT_CARD_NOT_APPLICABLE. Locks: none of its own (the caller holds the checkout's)."""
    found = find_code(code)
    if isinstance(found, Voucher):
        check_customer_limit(found, checkout_buyer_key(checkout))
        attach_voucher(checkout.token, found)
        problem = fetch_checkout_info(checkout).promotions.voucher_problem
        if problem is not None:
            raise ValidationErrors([problem])  # rolls the attach back
        return
    check_gift_card(found, timezone.localdate())
    attach_gift_card(checkout.token, found)


def remove_promo_code(
    checkout: Checkout, code: str | None = None, gift_card_id: int | None = None
) -> None:
    """Locks: none of its own (the caller holds the checkout's)."""
    detach(checkout.token, code=code, gift_card_id=gift_card_id)
