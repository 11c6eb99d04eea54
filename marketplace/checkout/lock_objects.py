"""Row locks for checkouts. Call inside `transaction.atomic()`.

The marketplace-wide lock order, which every path follows so that no two can deadlock:

    1. checkout.Checkout          (one row: the cart being changed or completed)
    2. payments.Transaction       (pk order)
    3. orders.Order               (pk order)
    4. catalog.Stock              (pk order; taken last, so the hottest rows are held shortest)
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet

from marketplace.checkout.models import Checkout


def checkout_qs_select_for_update() -> QuerySet[Checkout]:
    return Checkout.objects.order_by("pk").select_for_update(of=("self",))


def lock_checkout(token: UUID | str) -> Checkout | None:
    """The checkout row, locked (its channel and primary delivery method are read along, not
    locked); None when it does not exist, e.g. because it was just completed."""
    return (
        checkout_qs_select_for_update()
        .select_related("channel", "delivery_method")
        .filter(pk=token)
        .first()
    )
