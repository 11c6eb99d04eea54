"""What payments asks about checkouts, which sit above it.

The checkout app imports payments (completing a cart consumes its payment), so payments
never imports checkout: a payment only knows its checkout's token. Where payments needs the
checkout itself — the total to charge when a payment starts, and completing a cart that
was paid but never completed — it calls these hooks, which CheckoutConfig.ready() registers
(checkout/payment_hooks.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from django.core.exceptions import ImproperlyConfigured


class PayableCheckout(Protocol):
    @property
    def total(self) -> int: ...


@dataclass(frozen=True)
class CheckoutHooks:
    # Lock the checkout row and read it (None: no such checkout). Takes the checkout's
    # row lock (checkout.lock_objects.lock_checkout); call inside a transaction.
    lock_and_fetch: Callable[[UUID | str], PayableCheckout | None]
    # Raise ValidationErrors (checkout error codes) unless the checkout can be paid.
    check_ready: Callable[[Any], None]
    checkout_exists: Callable[[UUID | str], bool]
    # Complete a paid checkout for its buyer (automatic=True); the order group's pk.
    # Raises ValidationErrors when it cannot be completed.
    complete_paid: Callable[[UUID | str], Any]


_registered: list[CheckoutHooks] = []


def register(hooks: CheckoutHooks) -> None:
    _registered[:] = [hooks]


def checkout_hooks() -> CheckoutHooks:
    if not _registered:
        raise ImproperlyConfigured("the checkout app registers payments' checkout hooks")
    return _registered[0]
