"""Row locks for orders and stock. Call inside `transaction.atomic()`.

Lock order (see checkout/lock_objects.py): checkout → payment transaction →
orders (pk order) → stock rows (pk order).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db.models import F, QuerySet

from catalog.models import Stock
from orders.models import Order, OrderNotification


def order_qs_select_for_update() -> QuerySet[Order]:
    return Order.objects.order_by("pk").select_for_update(of=("self",), no_key=True)


def lock_order(pk: UUID | str) -> Order | None:
    """The order row, locked; its seller and group are read along (not locked)."""
    return order_qs_select_for_update().select_related("seller", "group").filter(pk=pk).first()


def lock_group_orders(group_id: Any) -> list[Order]:
    return list(order_qs_select_for_update().select_related("seller").filter(group_id=group_id))


def stock_qs_select_for_update() -> QuerySet[Stock]:
    # ORDER BY below the row-locking step: PostgreSQL locks the rows in this order.
    return Stock.objects.order_by("pk").select_for_update(of=("self",), no_key=True)


def lock_variant_stocks(variant_ids: Iterable[int]) -> list[Stock]:
    """Every stock row of these variants, locked in one statement; `seller_pk` is annotated
    (read through the warehouse, which is not locked)."""
    return list(
        stock_qs_select_for_update()
        .filter(variant_id__in=sorted(set(variant_ids)))
        .annotate(seller_pk=F("warehouse__seller_id"))
    )


def lock_stocks(pks: Iterable[int]) -> dict[int, Stock]:
    return {s.pk: s for s in stock_qs_select_for_update().filter(pk__in=sorted(set(pks)))}


def lock_notification(key: str) -> OrderNotification:
    """One e-mail's send-once row, FOR NO KEY UPDATE (only `sent_at` changes)."""
    return OrderNotification.objects.select_for_update(no_key=True).get(key=key)
