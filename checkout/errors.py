"""Checkout validation errors: a FieldError that also names variants, lines or an address."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import FieldError, ValidationErrors


@dataclass
class CheckoutFieldError(FieldError):
    """`code` is a CheckoutErrorCode name; pks are turned into global IDs by the API layer.

    A record like FieldError: raise it inside `ValidationErrors([...])`."""

    variant_pks: tuple[int, ...] = ()
    line_pks: tuple[str, ...] = ()
    address_type: str | None = None


__all__ = ["CheckoutFieldError", "FieldError", "ValidationErrors"]
