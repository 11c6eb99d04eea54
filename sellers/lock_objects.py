"""Row locks for the sellers domain; always taken in primary-key order to avoid deadlocks.

Call inside `transaction.atomic()`.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sellers.models import Seller, SellerUpload


def seller_qs_select_for_update() -> QuerySet[Seller]:
    return Seller.objects.order_by("pk").select_for_update(of=("self",), no_key=False)


def lock_seller(pk: int) -> Seller | None:
    """The seller row, FOR UPDATE (not no-key: seller edits may change its unique slug),
    with its province read but not locked."""
    return seller_qs_select_for_update().select_related("province").filter(pk=pk).first()


def lock_upload(pk: int) -> SellerUpload | None:
    """The upload row, FOR NO KEY UPDATE (confirming changes its status, not its key)."""
    return SellerUpload.objects.order_by("pk").select_for_update(no_key=True).filter(pk=pk).first()
