"""Row locks for payments. Call inside `transaction.atomic()`.

Lock order (see marketplace/checkout/lock_objects.py): checkout → payment transaction →
orders → stock. A transaction row is always locked before its group's orders.
"""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.payments.models import Transaction


def transaction_qs_select_for_update() -> QuerySet[Transaction]:
    return Transaction.objects.order_by("pk").select_for_update(of=("self",))


def lock_transaction(pk: int) -> Transaction | None:
    return transaction_qs_select_for_update().filter(pk=pk).first()


def lock_transaction_by_psp(psp_reference: str) -> Transaction | None:
    return transaction_qs_select_for_update().filter(psp_reference=psp_reference).first()
