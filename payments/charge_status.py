"""How much of what was asked has been charged, and how a payment splits over orders.

Pure functions over whole đồng: no database, no locks. The charge status is Saleor's
(`OrderChargeStatusEnum` / `CheckoutChargeStatusEnum`: NONE, PARTIAL, FULL, OVERCHARGED);
the GraphQL layer only translates these values.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence


class ChargeStatus(enum.StrEnum):
    """Saleor's charge status values (the enum names are Saleor's)."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    OVERCHARGED = "overcharged"


def charge_status(charged: int, total: int) -> ChargeStatus:
    """NONE before any money; PARTIAL below the total; FULL at it; OVERCHARGED above it.

    Something that costs nothing is FULL from the start (as in Saleor).
    """
    if charged <= 0:
        return ChargeStatus.NONE if total > 0 else ChargeStatus.FULL
    if charged < total:
        return ChargeStatus.PARTIAL
    return ChargeStatus.OVERCHARGED if charged > total else ChargeStatus.FULL


class AuthorizeStatus(enum.StrEnum):
    """Saleor's authorize status values (`OrderAuthorizeStatusEnum` /
    `CheckoutAuthorizeStatusEnum`). Payments here are charged at once, never only
    authorized, so what is charged counts as authorized."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


def authorize_status(charged: int, total: int) -> AuthorizeStatus:
    """An order's: as `charge_status`, with more than the total still FULL."""
    status = charge_status(charged, total)
    return AuthorizeStatus.FULL if status == ChargeStatus.OVERCHARGED else AuthorizeStatus(status)


def checkout_charge_status(charged: int, total: int) -> ChargeStatus:
    """A checkout's: as `charge_status`, except that a checkout nothing was paid for is
    NONE even when it costs nothing (it is not paid until it becomes an order)."""
    return ChargeStatus.NONE if charged <= 0 else charge_status(charged, total)


def checkout_authorize_status(charged: int, total: int) -> AuthorizeStatus:
    """A checkout's: as `checkout_charge_status`, with more than the total still FULL."""
    status = checkout_charge_status(charged, total)
    return AuthorizeStatus.FULL if status == ChargeStatus.OVERCHARGED else AuthorizeStatus(status)


def is_mismatch(status: ChargeStatus) -> bool:
    """Money arrived, but not the amount asked: a human must look."""
    return status in (ChargeStatus.PARTIAL, ChargeStatus.OVERCHARGED)


def allocate(amount: int, totals: Sequence[int]) -> list[int]:
    """Split `amount` received for a group over its orders, in proportion to their totals.

    Full or more: every order gets at least its total, and the excess is spread in
    proportion too (largest remainders first), so every đồng is booked on an order.
    Less than the sum: no order may look paid while the group is not, so every share stays
    strictly below its order's total; the few đồng that rounding cannot place without
    doing so stay on the transaction (they are never lost: they are refunded with the
    rest when the group expires).
    """
    if not totals:
        return []
    amount = max(int(amount), 0)
    whole = sum(totals)
    if whole <= 0:
        # Nothing was asked: everything received is excess, booked on the first order.
        return [amount] + [0] * (len(totals) - 1)
    shares = [amount * t // whole for t in totals]
    remainders = [amount * t % whole for t in totals]
    # Largest remainder first; ties go to the earlier order, so the split is deterministic.
    order = sorted(range(len(totals)), key=lambda i: (-remainders[i], i))
    left = amount - sum(shares)
    underpaid = amount < whole
    for i in order:
        if left <= 0:
            break
        if underpaid and shares[i] + 1 >= totals[i]:
            continue
        shares[i] += 1
        left -= 1
    return shares
