"""The checkout side of payments' hooks (payments/checkout_hooks.py), registered in
CheckoutConfig.ready(): payments sits below checkout and never imports it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from checkout.complete_checkout import complete_checkout
from checkout.fetch import CheckoutInfo, fetch_checkout_info
from checkout.lock_objects import lock_checkout
from checkout.models import Checkout
from checkout.validation import check_ready
from payments.checkout_hooks import CheckoutHooks, register


def lock_and_fetch(token: UUID | str) -> CheckoutInfo | None:
    """Locks the checkout row (lock_checkout) and reads it; None when there is none."""
    checkout = lock_checkout(token)
    return None if checkout is None else fetch_checkout_info(checkout)


def checkout_exists(token: UUID | str) -> bool:
    return Checkout.objects.filter(pk=token).exists()


def complete_paid(token: UUID | str) -> Any:
    return complete_checkout(token, None, automatic=True).group.pk


def connect() -> None:
    register(
        CheckoutHooks(
            lock_and_fetch=lock_and_fetch,
            check_ready=check_ready,
            checkout_exists=checkout_exists,
            complete_paid=complete_paid,
        )
    )
