"""Creating vouchers and gift cards: who may fund what, and a voucher's rules.

A province's officers fund vouchers for their province's sellers (all of them, one of
them, or a collection of the province); a seller's members fund vouchers on their own
products only, since a seller-funded voucher lowers that seller's payout alone.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_officer_for, is_seller_member
from core.errors import FieldError, ValidationErrors, fail
from core.input_limits import amount_error, text_errors
from promotions.models import DiscountValueType, Funder, GiftCard, Voucher, VoucherScope
from promotions.pricing import normalize_code

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,31}$")
# A usage limit beyond this is a typing mistake, and the column (int) must hold it.
MAX_USES = 1_000_000


def check_code(code: str, *, exclude_pk: int | None = None) -> None:
    """3–32 letters, digits or dashes, unique among vouchers and gift cards alike (one
    promo-code field takes both)."""
    if not CODE_PATTERN.match(code):
        fail("code", _("Use 3 to 32 letters, digits or dashes."), "INVALID")
    vouchers = Voucher.objects.filter(code=code)
    cards = GiftCard.objects.filter(code=code)
    if exclude_pk is not None:
        vouchers = vouchers.exclude(pk=exclude_pk)
    if vouchers.exists() or cards.exists():
        fail("code", _("This code is already in use."), "UNIQUE")


def _scope_province_id(voucher: Voucher) -> int | None:
    """The province whose sellers the voucher's scope lies in (None: a nationwide
    collection)."""
    if voucher.scope == VoucherScope.PROVINCE:
        return voucher.scope_province_id
    if voucher.scope == VoucherScope.SELLER and voucher.scope_seller is not None:
        return voucher.scope_seller.province_id
    if voucher.scope == VoucherScope.COLLECTION and voucher.scope_collection is not None:
        return voucher.scope_collection.province_id
    return None


def check_voucher(voucher: Voucher) -> None:
    """Every rule a voucher breaks, at once (ValidationErrors with INVALID codes)."""
    errors: list[FieldError] = []

    def bad(field: str, message: Any) -> None:
        errors.append(FieldError(field, message, "INVALID"))

    if not (voucher.name or "").strip():
        errors.append(FieldError("name", _("Enter the name buyers see."), "REQUIRED"))
    errors.extend(text_errors(Voucher, {"name": voucher.name, "name_en": voucher.name_en}))
    if voucher.value_type == DiscountValueType.PERCENTAGE and not 1 <= voucher.value <= 100:
        bad("value", _("A percentage is between 1 and 100."))
    if voucher.value_type == DiscountValueType.FIXED:
        too_much = amount_error("value", voucher.value)
        if voucher.value < 1000:
            bad("value", _("A fixed discount is at least 1.000 ₫."))
        elif too_much is not None:
            errors.append(too_much)
    spend = amount_error("min_spend_amount", voucher.min_spend_amount)
    if spend is not None:
        errors.append(spend)
    errors.extend(_limit_errors(voucher))
    if voucher.ends_at is not None and voucher.ends_at <= voucher.starts_at:
        bad("ends_at", _("The end must come after the start."))
    targets = {
        VoucherScope.SELLER: voucher.scope_seller_id,
        VoucherScope.PROVINCE: voucher.scope_province_id,
        VoucherScope.COLLECTION: voucher.scope_collection_id,
    }
    if targets.get(VoucherScope(voucher.scope)) is None:
        bad("scope", _("Choose what the voucher applies to."))
    if voucher.funder == Funder.SELLER:
        if voucher.funding_seller_id is None:
            bad("funding_seller", _("Choose the seller who funds it."))
        elif voucher.scope != VoucherScope.SELLER or (
            voucher.scope_seller_id != voucher.funding_seller_id
        ):
            bad("scope", _("A seller funds vouchers on its own products only."))
    elif voucher.funding_province_id is None:
        bad("funding_province", _("Choose the province that funds it."))
    elif _scope_province_id(voucher) != voucher.funding_province_id:
        bad("scope", _("A province funds vouchers on its own sellers' products only."))
    if errors:
        raise ValidationErrors(errors)


def _limit_errors(voucher: Voucher) -> list[FieldError]:
    """Limits are at least 1 (empty: none), the per-buyer one within the total, and the
    total never below the uses already counted (an edit cannot take back a use)."""
    errors = []
    for name in ("usage_limit", "limit_per_customer"):
        limit = getattr(voucher, name)
        if limit is not None and not 1 <= limit <= MAX_USES:
            errors.append(
                FieldError(
                    name,
                    _("Enter a number from 1 to %(max)s, or leave it empty for no limit."),
                    "INVALID",
                    params={"max": f"{MAX_USES:,}".replace(",", ".")},
                )
            )
    total, each = voucher.usage_limit, voucher.limit_per_customer
    if not errors and total is not None and each is not None and each > total:
        errors.append(
            FieldError("limit_per_customer", _("Cannot be more than the total uses."), "INVALID")
        )
    if not errors and total is not None and total < voucher.used:
        errors.append(
            FieldError(
                "usage_limit",
                _("Already used %(used)s times: the limit cannot be lower."),
                "INVALID",
                params={"used": voucher.used},
            )
        )
    return errors


def _errors_of(check: Any, *args: Any, **kwargs: Any) -> list[FieldError]:
    try:
        check(*args, **kwargs)
    except ValidationErrors as refused:
        return refused.errors
    return []


def check_new_voucher(voucher: Voucher, *, now: Any = None) -> None:
    """Every rule a new voucher breaks, at once: its code (normalised in place), its terms
    (`check_voucher`), and an end still to come."""
    voucher.code = normalize_code(voucher.code)
    errors = _errors_of(check_code, voucher.code) + _errors_of(check_voucher, voucher)
    now = now or timezone.now()
    ended = voucher.ends_at is not None and voucher.ends_at <= now
    if ended and not any(e.field == "ends_at" for e in errors):
        errors.append(FieldError("ends_at", _("The end must be in the future."), "INVALID"))
    if errors:
        raise ValidationErrors(errors)


def may_fund(user: Any, voucher: Voucher) -> bool:
    """Officers of the funding province (and national ones); members of the funding seller;
    staff for any."""
    if getattr(user, "is_staff", False) and getattr(user, "is_active", False):
        return True
    if voucher.funder == Funder.SELLER:
        return voucher.funding_seller_id is not None and is_seller_member(
            user, voucher.funding_seller_id
        )
    return voucher.funding_province_id is not None and is_officer_for(
        user, voucher.funding_province_id
    )


@transaction.atomic(durable=True)
def do_create_voucher(user: Any, voucher: Voucher) -> Voucher:
    """Save a new voucher funded by someone `user` may act for.

    Locks: none (a new row; the unique code index settles a race between two creators).
    """
    check_new_voucher(voucher)
    if not may_fund(user, voucher):
        fail(None, _("You may not create vouchers for this funder."), "PERMISSION_DENIED")
    voucher.created_by = user if getattr(user, "is_authenticated", False) else None
    try:
        with transaction.atomic():  # a savepoint: the loser of a race gets the code's error
            voucher.save()
    except IntegrityError:
        fail("code", _("This code is already in use."), "UNIQUE")
    return voucher
