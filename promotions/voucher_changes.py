"""Running a voucher after it is made: a code to suggest, its limits and end changed while
nobody has used it, and ending it now.

An ended voucher is kept (its orders' `OrderDiscount` rows still point at it, and the
lists show it in history): ending only stops new uses. Carts that carry it say it no
longer applies, and an order being placed at the same moment either got in before the end
(its discount stands) or is refused, because `redeem` counts a use by a conditional UPDATE
on an active voucher, which waits for the row lock taken here.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import FieldError, ValidationErrors, fail
from core.text import fold
from promotions.lock_objects import lock_voucher
from promotions.models import GiftCard, Voucher
from promotions.vouchers import check_voucher, may_fund

# No 0/O or 1/I: a code is read aloud and typed from a poster.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_PREFIX_LETTERS = 8


def suggest_code(name: str) -> str:
    """A free code from a name's initials and four random letters: "Mật ong Hoa Ban" →
    "MOHB-7KQ3". A few tries; the unique index is the last word, at saving."""
    initials = "".join(word[0] for word in fold(name).split() if word[0].isalnum()).upper()
    prefix = (initials or "OCOP")[:_PREFIX_LETTERS]
    code = prefix
    for _try in range(5):
        code = f"{prefix}-{''.join(secrets.choice(_ALPHABET) for _ in range(4))}"
        taken = Voucher.objects.filter(code=code).exists()
        if not taken and not GiftCard.objects.filter(code=code).exists():
            break
    return code


def is_ended(voucher: Voucher, now: datetime.datetime) -> bool:
    return not voucher.is_active or (voucher.ends_at is not None and voucher.ends_at <= now)


def may_change(voucher: Voucher, now: datetime.datetime) -> bool:
    """Its terms may change until its first use: after that, a buyer has had it on terms
    that must stay what they were, and only ending it is fair."""
    return voucher.used == 0 and not is_ended(voucher, now)


def _locked(user: Any, voucher_id: int) -> Voucher:
    voucher = lock_voucher(voucher_id)
    if voucher is None or not may_fund(user, voucher):
        fail(None, _("Voucher not found."), "NOT_FOUND")
    return voucher


@transaction.atomic(durable=True)
def do_end_voucher(user: Any, voucher_id: int) -> Voucher:
    """End the voucher now: no new order may use it; orders that did keep their discount.
    Ending an ended voucher changes nothing. A voucher still to start ends at its start,
    so its window is empty.

    Locks: the voucher row, FOR NO KEY UPDATE.
    """
    voucher = _locked(user, voucher_id)
    now = timezone.now()
    if is_ended(voucher, now):
        return voucher
    voucher.is_active = False
    voucher.ends_at = max(now, voucher.starts_at)
    voucher.save(update_fields=["is_active", "ends_at"])
    return voucher


@transaction.atomic(durable=True)
def do_change_voucher(
    user: Any,
    voucher_id: int,
    *,
    usage_limit: int | None,
    limit_per_customer: int | None,
    ends_at: datetime.datetime | None,
) -> Voucher:
    """Change a voucher's limits and end, before anyone has used it (`may_change`).

    Locks: the voucher row, FOR NO KEY UPDATE (the first use, a conditional UPDATE of
    `used`, waits for it, so no use slips in between the check and the change).
    """
    voucher = _locked(user, voucher_id)
    now = timezone.now()
    if not may_change(voucher, now):
        fail(None, _("This voucher has been used or has ended: you can only end it."), "INVALID")
    voucher.usage_limit = usage_limit
    voucher.limit_per_customer = limit_per_customer
    voucher.ends_at = ends_at
    errors: list[FieldError] = []
    try:
        check_voucher(voucher)
    except ValidationErrors as refused:
        errors = refused.errors
    if ends_at is not None and ends_at <= now and not any(e.field == "ends_at" for e in errors):
        errors.append(FieldError("ends_at", _("The end must be in the future."), "INVALID"))
    if errors:
        raise ValidationErrors(errors)
    voucher.save(update_fields=["usage_limit", "limit_per_customer", "ends_at"])
    return voucher
