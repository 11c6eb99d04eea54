"""Checkout validation errors: a FieldError that also names variants, lines or an address."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import FieldError, ValidationErrors


@dataclass
class CheckoutFieldError(FieldError):
    """`code` is a CheckoutErrorCode name; pks are turned into global IDs by the API layer."""

    variant_pks: tuple[int, ...] = ()
    line_pks: tuple[str, ...] = ()
    address_type: str | None = None


def fail(field: str | None, message: str, code: str, **extra: object) -> CheckoutFieldError:
    return CheckoutFieldError(field, message, code, **extra)  # type: ignore[arg-type]


__all__ = ["CheckoutFieldError", "FieldError", "ValidationErrors", "fail"]
