"""Limits every domain applies to what callers send: text lengths and money amounts.

A value the database cannot hold (text longer than its column, an amount beyond bigint, a
NUL character) must be refused by a `check_*` with the field and a code before anything is
written, never reach PostgreSQL and come back as its error text. Lengths come from the
model fields themselves (Saleor's lengths where Saleor has the field), so a column and its
check cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.errors import FieldError, ValidationErrors
from core.money import format_vnd

INVALID = "INVALID"

# The most a single price, fee or payout may be: one thousand billion đồng. Far above any
# OCOP product, and with 50 units a line and a bounded cart, order totals and sums of them
# still fit PostgreSQL's bigint (9.2 × 10^18) by orders of magnitude.
MAX_AMOUNT = 1_000_000_000_000
# Currencies without a minor unit: amounts are whole units (VND has no xu in circulation).
ZERO_DECIMAL_CURRENCIES = frozenset({"VND", "JPY", "KRW"})

NUL = "\x00"


def too_long(field: str | None, limit: int, length: int) -> FieldError:
    return FieldError(
        field,
        _("Ensure this value has at most %(limit)s characters (it has %(length)s)."),
        INVALID,
        params={"limit": limit, "length": length},
    )


def has_nul(field: str | None) -> FieldError:
    return FieldError(field, _("A value cannot contain the NUL character."), INVALID)


def text_error(field: str | None, value: Any, max_length: int | None) -> FieldError | None:
    """Why `value` cannot be stored in a text column of `max_length`, or None."""
    if not isinstance(value, str):
        return None
    if NUL in value:
        return has_nul(field)
    if max_length is not None and len(value) > max_length:
        return too_long(field, max_length, len(value))
    return None


def check_text(field: str | None, value: Any, max_length: int | None) -> None:
    error = text_error(field, value, max_length)
    if error is not None:
        raise ValidationErrors([error])


def max_length_of(model: type[models.Model], name: str) -> int | None:
    limit = model._meta.get_field(name).max_length  # type: ignore[union-attr]
    return int(limit) if limit else None


def text_errors(
    model: type[models.Model],
    values: Mapping[str, Any],
    names: Iterable[str] | None = None,
) -> list[FieldError]:
    """One error per text value in `values` (model field names) that `model` cannot store.

    Each error names the model's field (the API layer names it as the API does).
    """
    errors = []
    for name in names if names is not None else values:
        if name not in values:
            continue
        error = text_error(name, values[name], max_length_of(model, name))
        if error is not None:
            errors.append(error)
    return errors


def amount_error(
    field: str | None,
    amount: Any,
    *,
    currency: str = "VND",
    allow_zero: bool = True,
    maximum: int = MAX_AMOUNT,
) -> FieldError | None:
    """Why `amount` is not an acceptable money amount in `currency`, or None.

    Amounts are ≥ 0 (> 0 unless `allow_zero`), at most `maximum`, and whole units in a
    currency without a minor unit.
    """
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    if not value.is_finite():
        return FieldError(field, _("Invalid amount."), INVALID)
    if value < 0 or (value == 0 and not allow_zero):
        return FieldError(
            field,
            _("The amount must be greater than 0.")
            if not allow_zero
            else _("The amount cannot be negative."),
            INVALID,
        )
    if value > maximum:
        return FieldError(
            field,
            _("The amount cannot exceed %(maximum)s."),
            INVALID,
            {"maximum": format_vnd(maximum)},
        )
    if currency in ZERO_DECIMAL_CURRENCIES and value != value.to_integral_value():
        return FieldError(field, "Value cannot have more than 0 decimal places.", INVALID)
    return None


def check_amount(field: str | None, amount: Any, **options: Any) -> int:
    """`amount` as whole units of a zero-decimal currency, or a FieldError (amount_error)."""
    error = amount_error(field, amount, **options)
    if error is not None:
        raise ValidationErrors([error])
    return int(Decimal(str(amount)))
