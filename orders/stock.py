"""Stock allocation for orders, on catalog.Stock (quantity, quantity_allocated).

- allocate: at checkout completion; the units stay on the shelf but are promised.
- deallocate: on cancel, payment failure or expiry; the promise is withdrawn.
- consume: on fulfilment; the units leave the shelf (quantity and allocation both drop).

All three lock the stock rows they touch in primary-key order in ONE statement
(lock_objects.lock_stocks), then write them in one UPDATE. The database's CHECK constraints
(0 ≤ quantity_allocated ≤ quantity) are the last line of defence against an oversell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from catalog.listed import refresh_listed
from catalog.models import ProductVariant, Stock
from catalog.signals import products_changed
from orders.lock_objects import lock_stocks, lock_variant_stocks
from orders.models import Allocation, Order, OrderLine


@dataclass(frozen=True)
class StockNeed:
    line: OrderLine
    variant_id: int
    seller_id: int
    quantity: int


@dataclass(frozen=True)
class Shortage:
    variant_id: int
    requested: int
    available: int


class InsufficientStock(Exception):
    def __init__(self, shortages: Sequence[Shortage]) -> None:
        super().__init__(", ".join(f"variant {s.variant_id}" for s in shortages))
        self.shortages = list(shortages)


def _announce_stock_change(variant_ids: Iterable[int]) -> None:
    """Bulk updates fire no model signals: say which products' stock moved (search's
    in-stock flag may have flipped). The lazy queryset runs only if a receiver reads it."""
    ids = set(variant_ids)
    products = ProductVariant.objects.filter(pk__in=ids).values_list("product_id", flat=True)
    products_changed.send(sender=Stock, product_ids=products)
    # "In stock" in the listing record, in this transaction.
    refresh_listed(products)


def allocate(needs: Sequence[StockNeed]) -> list[Allocation]:
    """Promise stock for saved order lines, from their own seller's warehouses.

    Expects an open transaction; locks every candidate stock row (pk order). Raises
    InsufficientStock naming every short variant, having written nothing.
    """
    if not needs:
        return []
    by_key: dict[tuple[int, int], list[Stock]] = {}
    for stock in lock_variant_stocks({n.variant_id for n in needs}):
        by_key.setdefault((stock.variant_id, stock.seller_pk), []).append(stock)  # type: ignore[attr-defined]
    allocations: list[Allocation] = []
    shortages: list[Shortage] = []
    changed: dict[int, Stock] = {}
    for need in needs:
        # Fullest warehouse first: fewer parcels for the seller.
        pool = sorted(
            by_key.get((need.variant_id, need.seller_id), []),
            key=lambda s: (-(s.quantity - s.quantity_allocated), s.pk),
        )
        remaining = need.quantity
        for stock in pool:
            take = min(stock.quantity - stock.quantity_allocated, remaining)
            if take <= 0:
                continue
            stock.quantity_allocated += take
            changed[stock.pk] = stock
            allocations.append(
                Allocation(order_line=need.line, stock=stock, quantity_allocated=take)
            )
            remaining -= take
            if remaining == 0:
                break
        if remaining:
            shortages.append(Shortage(need.variant_id, need.quantity, need.quantity - remaining))
    if shortages:
        raise InsufficientStock(shortages)
    Stock.objects.bulk_update(list(changed.values()), ["quantity_allocated"])
    _announce_stock_change(need.variant_id for need in needs)
    return Allocation.objects.bulk_create(allocations)


def deallocate(orders: Iterable[Order]) -> int:
    """Withdraw every remaining allocation of these orders; returns the units released.

    Expects the orders to be locked (lock_objects) by the caller, in an open transaction.
    """
    allocations = list(
        Allocation.objects.filter(
            order_line__order__in=list(orders), quantity_allocated__gt=0
        ).order_by("pk")
    )
    if not allocations:
        return 0
    stocks = lock_stocks(a.stock_id for a in allocations)
    released = 0
    for allocation in allocations:
        stock = stocks[allocation.stock_id]
        stock.quantity_allocated = max(stock.quantity_allocated - allocation.quantity_allocated, 0)
        released += allocation.quantity_allocated
        allocation.quantity_allocated = 0
    Stock.objects.bulk_update(list(stocks.values()), ["quantity_allocated"])
    Allocation.objects.bulk_update(allocations, ["quantity_allocated"])
    _announce_stock_change(stock.variant_id for stock in stocks.values())
    return released


@dataclass(frozen=True)
class Shipment:
    line: OrderLine
    quantity: int
    warehouse_id: int | None  # allocations in this warehouse are used first


def consume(shipments: Sequence[Shipment]) -> dict[OrderLine, list[tuple[Stock, int]]]:
    """Take shipped units off the shelf and out of the allocation.

    Expects the order to be locked. Returns, per line, which stock rows gave how many units
    (units beyond the allocation, e.g. of untracked variants, are not taken from stock).
    """
    lines = [s.line for s in shipments]
    allocations = list(
        Allocation.objects.filter(order_line__in=lines, quantity_allocated__gt=0)
        .select_related("stock")
        .order_by("pk")
    )
    stocks = lock_stocks(a.stock_id for a in allocations)
    by_line: dict[object, list[Allocation]] = {}
    for allocation in allocations:
        by_line.setdefault(allocation.order_line_id, []).append(allocation)
    taken: dict[OrderLine, list[tuple[Stock, int]]] = {}
    for shipment in shipments:
        pool = sorted(
            by_line.get(shipment.line.pk, []),
            key=lambda a: (stocks[a.stock_id].warehouse_id != shipment.warehouse_id, a.pk),
        )
        remaining = shipment.quantity
        for allocation in pool:
            take = min(allocation.quantity_allocated, remaining)
            if take <= 0:
                continue
            stock = stocks[allocation.stock_id]
            stock.quantity -= take
            stock.quantity_allocated -= take
            allocation.quantity_allocated -= take
            taken.setdefault(shipment.line, []).append((stock, take))
            remaining -= take
            if remaining == 0:
                break
    Stock.objects.bulk_update(list(stocks.values()), ["quantity", "quantity_allocated"])
    Allocation.objects.bulk_update(allocations, ["quantity_allocated"])
    return taken
