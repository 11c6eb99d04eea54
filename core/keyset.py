"""Keyset paging: rows strictly after (or before) a row in an order of columns.

An order is a tuple of `(field, descending)` whose last field is unique (the id). The
condition `beyond(values)` is the row-value comparison `(a, b, id) > (x, y, z)` spelled
out per column (so each column may have its own direction); on an index that matches the
order, PostgreSQL reads the next page from where the last one ended, with no OFFSET, so
page 100 costs what page 1 does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import F, Q

Order = tuple[tuple[str, bool], ...]


def order_by(order: Order, *, backwards: bool = False) -> list[Any]:
    return [
        F(field).desc() if descending != backwards else F(field).asc()
        for field, descending in order
    ]


def beyond(order: Order, values: Sequence[Any], *, backwards: bool = False) -> Q:
    """Rows strictly after `values` in `order` (strictly before them when `backwards`)."""
    found = Q(pk__in=[])
    for n, (field, descending) in enumerate(order):
        op = "lt" if descending != backwards else "gt"
        step = Q(**{f"{field}__{op}": values[n]})
        for (earlier, _), value in zip(order[:n], values[:n], strict=True):
            step &= Q(**{earlier: value})
        found |= step
    if len(order) < 2:
        return found
    # The first column's bound, implied by the condition but spelled out on its own: an OR
    # is no index condition, this is, so the index scan starts at the position instead of
    # reading (and filtering out) every row before it.
    (first, descending), value = order[0], values[0]
    return Q(**{f"{first}__{'lte' if descending != backwards else 'gte'}": value}) & found
