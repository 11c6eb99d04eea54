"""Units of work on one locked sellers row: a seller, or a presigned upload.

A caller that changes one of these rows (the GraphQL mutations) hands its pk to one of the
`do_with_*` functions below. Each is the outermost transaction (`durable=True`): it locks
the row through `sellers.lock_objects`, gives it to the caller's `authorize` — which refuses
a missing row, or a caller who may not touch it, looking at the row as locked — and then
runs `act` (cleaning the input and the sellers' `do_*` writes) on it. A refusal anywhere
rolls the whole unit back, so a failed change writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

from sellers.lock_objects import lock_seller, lock_upload
from sellers.models import Seller, SellerUpload

T = TypeVar("T")


def do_with_seller(
    pk: int,
    authorize: Callable[[Seller | None], Seller],
    act: Callable[[Seller], T],
) -> T:
    """`act` on the seller `pk`, in one transaction.

    Locks: the seller row, FOR UPDATE (`lock_seller`: an edit may change its unique slug),
    held until `act` returns; its province is read, not locked.
    """
    with transaction.atomic(durable=True):
        return act(authorize(lock_seller(pk)))


def do_with_upload(
    pk: int,
    authorize: Callable[[SellerUpload | None], SellerUpload],
    act: Callable[[SellerUpload], T],
) -> T:
    """`act` on the presigned upload `pk`, in one transaction.

    Locks: the upload row, FOR NO KEY UPDATE (`lock_upload`), so two confirmations of the
    same object cannot both pass.
    """
    with transaction.atomic(durable=True):
        return act(authorize(lock_upload(pk)))
