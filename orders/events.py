"""Order history: small constructors for Saleor-typed events (bulk-created by callers)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orders.models import Order, OrderEvent, OrderEventType


def event(order: Order, type: str, user: Any = None, **parameters: Any) -> OrderEvent:
    author = user if getattr(user, "is_authenticated", False) else None
    return OrderEvent(order=order, type=type, user=author, parameters=parameters)


def record(order: Order, type: str, user: Any = None, **parameters: Any) -> OrderEvent:
    made = event(order, type, user, **parameters)
    made.save()
    return made


def record_many(events: Iterable[OrderEvent]) -> None:
    OrderEvent.objects.bulk_create(list(events))


__all__ = ["OrderEventType", "event", "record", "record_many"]
