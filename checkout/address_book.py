"""A signed-in buyer's address book: saved addresses, one of them the default.

Every address is checked by `checkout.addresses.check_address`, the same rule as a
checkout's; an entry belongs to one user, and `saved_address_for` is the only way to reach
one by id (another user's id is "not found", never "forbidden").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from accounts.models import User
from checkout.addresses import CleanAddress, address_data, check_address
from checkout.lock_objects import lock_saved_addresses
from checkout.models import SavedAddress


def saved_addresses(user: Any) -> list[SavedAddress]:
    """The user's book, the default first, with the places read along (one query)."""
    return list(
        SavedAddress.objects.filter(user_id=user.pk).select_related(
            "address__province", "address__ward"
        )
    )


def saved_address_for(user: Any, pk: Any) -> SavedAddress | None:
    """The user's own entry `pk`, or None (unknown, malformed, or someone else's)."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        return None
    return SavedAddress.objects.filter(user_id=user.pk, pk=key).select_related("address").first()


def saved_address_of_address(user: Any, address_pk: int) -> SavedAddress | None:
    """The user's own entry holding address `address_pk` (the API names entries by their
    Address id), or None (unknown or someone else's)."""
    return (
        SavedAddress.objects.filter(user_id=user.pk, address_id=address_pk)
        .select_related("address")
        .first()
    )


def check_saved_address(data: Mapping[str, Any]) -> CleanAddress:
    """The address rule of checkouts (raises ValidationErrors naming snake_case fields)."""
    return check_address(data, "SHIPPING")


@transaction.atomic(durable=True)
def do_add_saved_address(
    user: User, data: Mapping[str, Any], *, make_default: bool = False
) -> SavedAddress:
    """Save a checked address in the user's book; the first one becomes the default.

    Locks: the user's saved addresses, FOR UPDATE in pk order (`lock_saved_addresses`),
    which serialises the single default.
    """
    clean = check_saved_address(data)
    existing = lock_saved_addresses(user.pk)
    default = make_default or not existing
    if default:
        SavedAddress.objects.filter(user_id=user.pk, is_default=True).update(is_default=False)
    return SavedAddress.objects.create(user=user, address=clean.save(), is_default=default)


@transaction.atomic(durable=True)
def do_change_saved_address(entry: SavedAddress, data: Mapping[str, Any]) -> SavedAddress:
    """Replace an entry's address with checked data (same row, updated in place).

    Locks: the owner's saved addresses, FOR UPDATE in pk order (`lock_saved_addresses`).
    """
    clean = check_saved_address(data)
    lock_saved_addresses(entry.user_id)
    clean.save(entry.address)
    return entry


@transaction.atomic(durable=True)
def do_delete_saved_address(entry: SavedAddress) -> None:
    """Delete an entry (and its address row); if it was the default, the oldest remaining
    entry becomes the default.

    Locks: the owner's saved addresses, FOR UPDATE in pk order (`lock_saved_addresses`).
    """
    rows = lock_saved_addresses(entry.user_id)
    was_default = any(r.pk == entry.pk and r.is_default for r in rows)
    entry.address.delete()  # cascades to the entry
    if was_default:
        rest = sorted((r for r in rows if r.pk != entry.pk), key=lambda r: (r.created_at, r.pk))
        if rest:
            SavedAddress.objects.filter(pk=rest[0].pk).update(is_default=True)


@transaction.atomic(durable=True)
def do_set_default_saved_address(entry: SavedAddress) -> None:
    """Make `entry` the owner's default address.

    Locks: the owner's saved addresses, FOR UPDATE in pk order (`lock_saved_addresses`).
    """
    lock_saved_addresses(entry.user_id)
    SavedAddress.objects.filter(user_id=entry.user_id, is_default=True).exclude(pk=entry.pk).update(
        is_default=False
    )
    SavedAddress.objects.filter(pk=entry.pk).update(is_default=True)
    entry.is_default = True


def saved_address_data(entry: SavedAddress) -> dict[str, str]:
    """The entry as address input (for a checkout's shipping address)."""
    return address_data(entry.address)
