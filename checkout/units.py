"""The unit of work of a change to one checkout (its lines, addresses, email, customer,
delivery): lock it, let the caller check it may see it, change it — one transaction.

Completion has its own unit (`checkout.complete_checkout`), which also locks payments,
orders and stock in the marketplace-wide order (see `checkout.lock_objects`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from django.db import transaction

from checkout.lock_objects import lock_checkout
from checkout.models import Checkout

T = TypeVar("T")


def do_with_checkout(
    token: UUID,
    authorize: Callable[[Checkout | None], Checkout],
    act: Callable[[Checkout], T],
) -> T:
    """`act` on the checkout `token`, in one transaction (outermost: `durable=True`).

    `authorize` refuses a checkout that does not exist (e.g. just completed) or that the
    caller may not see; it and `act` see the row as locked, and any refusal rolls the whole
    change back.

    Locks: the checkout row, FOR NO KEY UPDATE (`lock_checkout`), held until `act` returns.
    """
    with transaction.atomic(durable=True):
        return act(authorize(lock_checkout(token)))
