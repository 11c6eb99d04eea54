"""Row locks for payments. Call inside `transaction.atomic()`.

Lock order (see checkout/lock_objects.py): checkout → payment transaction →
orders → stock. A transaction row is always locked before its group's orders.
"""

from __future__ import annotations

from django.db.models import QuerySet

from payments.models import Refund, Transaction
from sellers.models import Seller


def transaction_qs_select_for_update() -> QuerySet[Transaction]:
    return Transaction.objects.order_by("pk").select_for_update(of=("self",), no_key=True)


def lock_transaction(pk: int) -> Transaction | None:
    return transaction_qs_select_for_update().filter(pk=pk).first()


def lock_transaction_by_psp(psp_reference: str) -> Transaction | None:
    return transaction_qs_select_for_update().filter(psp_reference=psp_reference).first()


def lock_refund(pk: int) -> Refund:
    """One refund row, FOR NO KEY UPDATE (status and PSP fields change, no key)."""
    return Refund.objects.select_for_update(no_key=True).get(pk=pk)


def lock_payee(seller_id: int) -> Seller:
    """The seller row, FOR NO KEY UPDATE, so two payouts of one balance serialise; ledger
    inserts that reference the seller (FOR KEY SHARE) are not blocked."""
    return Seller.objects.select_for_update(of=("self",), no_key=True).get(pk=seller_id)
