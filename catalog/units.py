"""Units of work on one locked catalog row: a product, a variant or a featured collection.

A caller that changes one of these rows (the GraphQL mutations) hands its pk to one of the
`do_with_*` functions below. Each is the outermost transaction (`durable=True`): it locks
the row through `catalog.lock_objects`, gives it to the caller's `authorize` — which refuses
a missing row, or a caller who may not touch it, looking at the row as locked — and then
runs `act` (cleaning the input and the catalog's `do_*` writes) on it. A refusal anywhere
rolls the whole unit back, so a failed change writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

from catalog.lock_objects import lock_collection, lock_product, lock_variant
from catalog.models import Collection, Product, ProductVariant

T = TypeVar("T")


def do_with_product(
    pk: int | None,
    authorize: Callable[[Product | None], Product],
    act: Callable[[Product], T],
) -> T:
    """`act` on the product `pk` (None: no such product), in one transaction.

    Locks: the product row, FOR UPDATE (`lock_product`: the edit may change its unique
    slug or delete it), held until `act` returns.
    """
    with transaction.atomic(durable=True):
        product = lock_product(pk) if pk is not None else None
        return act(authorize(product))


def do_with_variant(
    pk: int | None,
    authorize: Callable[[ProductVariant | None], ProductVariant],
    act: Callable[[ProductVariant], T],
) -> T:
    """`act` on the variant `pk` (None: no such variant), in one transaction.

    Locks: the variant row, FOR UPDATE (`lock_variant`: the edit may change its unique
    sku), held until `act` returns; its product and seller are read, not locked.
    """
    with transaction.atomic(durable=True):
        variant = lock_variant(pk) if pk is not None else None
        return act(authorize(variant))


def do_with_collection(
    pk: int,
    authorize: Callable[[Collection | None], Collection],
    act: Callable[[Collection], T],
) -> T:
    """`act` on the collection `pk`, in one transaction.

    Locks: the collection row, FOR UPDATE (`lock_collection`: the edit may change its
    unique slug), held until `act` returns.
    """
    with transaction.atomic(durable=True):
        return act(authorize(lock_collection(pk)))
