"""What is left to ship of an order, and from where: the units still to fulfil, taken from
the warehouses that hold them (their allocations), the seller's first warehouse for a line
held nowhere. The seller centre's "ship" sends all of it through `actions.do_fulfill`."""

from __future__ import annotations

from collections import defaultdict

from orders.actions import FulfillItem
from orders.models import Allocation, Order


def remaining_shipment(order: Order) -> list[FulfillItem]:
    """Everything left to ship, from the warehouses its units are held in (the seller's
    first warehouse for a line held nowhere)."""
    lines = [line for line in order.lines.all() if line.quantity_to_fulfill > 0]
    held: dict[str, list[tuple[int, int]]] = {}
    for allocation in (
        Allocation.objects.filter(order_line__in=lines, quantity_allocated__gt=0)
        .select_related("stock")
        .order_by("pk")
    ):
        held.setdefault(str(allocation.order_line_id), []).append(
            (allocation.stock.warehouse_id, allocation.quantity_allocated)
        )
    fallback = order.seller.warehouses.order_by("pk").values_list("pk", flat=True).first()
    items: list[FulfillItem] = []
    for line in lines:
        left = line.quantity_to_fulfill
        per_warehouse: defaultdict[int, int] = defaultdict(int)
        for warehouse_pk, quantity in held.get(str(line.pk), []):
            take = min(left, quantity)
            if take > 0:
                per_warehouse[warehouse_pk] += take
                left -= take
        if left > 0 and fallback is not None:
            per_warehouse[fallback] += left
        items.extend(FulfillItem(str(line.pk), w, q) for w, q in per_warehouse.items())
    return items
