"""Row locks for checkouts. Call inside `transaction.atomic()`.

The marketplace-wide lock order, which every path follows so that no two can deadlock:

    1. checkout.Checkout          (one row: the cart being changed or completed)
    2. payments.Transaction       (pk order)
    3. orders.Order               (pk order)
    3b. promotions.Voucher, then promotions.GiftCard (pk order; conditional UPDATEs)
    4. catalog.Stock              (pk order; taken last, so the hottest rows are held shortest)
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet

from checkout.models import Checkout, SavedAddress, ShippingMethod


def checkout_qs_select_for_update(*, no_key: bool = True) -> QuerySet[Checkout]:
    return Checkout.objects.order_by("pk").select_for_update(of=("self",), no_key=no_key)


def lock_checkout(token: UUID | str) -> Checkout | None:
    """The checkout row, FOR NO KEY UPDATE (its channel and primary delivery method are
    read along, not locked); None when it does not exist, e.g. because it was just completed."""
    return (
        checkout_qs_select_for_update()
        .select_related("channel", "delivery_method")
        .filter(pk=token)
        .first()
    )


def lock_checkout_to_complete(token: UUID | str) -> Checkout | None:
    """Like `lock_checkout`, but FOR UPDATE: completing deletes the checkout row."""
    return (
        checkout_qs_select_for_update(no_key=False)
        .select_related("channel", "delivery_method")
        .filter(pk=token)
        .first()
    )


def lock_shipping_methods(seller_id: int) -> list[ShippingMethod]:
    """A seller's delivery methods, FOR UPDATE in pk order (not no-key: a method may be
    deleted); serialises changes to the seller's single default."""
    return list(
        ShippingMethod.objects.select_for_update(no_key=False)
        .filter(seller_id=seller_id)
        .order_by("pk")
    )


def lock_saved_addresses(user_id: int) -> list[SavedAddress]:
    """A user's address book, FOR UPDATE in pk order (not no-key: an entry may be deleted);
    serialises changes to their single default."""
    return list(
        SavedAddress.objects.select_for_update(no_key=False).filter(user_id=user_id).order_by("pk")
    )
