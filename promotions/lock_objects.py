"""Row locks for vouchers. Call inside `transaction.atomic()`.

In the marketplace-wide lock order (`checkout.lock_objects`) a voucher comes after the
orders and before gift cards and stock; the changes here lock the voucher alone.
"""

from __future__ import annotations

from promotions.models import Voucher


def lock_voucher(pk: int) -> Voucher | None:
    """The voucher row, FOR NO KEY UPDATE (its terms change, never its key), so an edit and
    an order's conditional UPDATE of `used` take turns; None when it does not exist."""
    return Voucher.objects.select_for_update(no_key=True).filter(pk=pk).first()
