"""Keyset (cursor) pages the Saleor way, for lists ordered by `(sort key, id)`.

A cursor is an opaque base64 string of the last (or first) row's sort values, as Saleor's
are; `after` continues strictly after that row and `before` stops strictly before it, with
a `WHERE (key, id) > (…)` that an index on `(…, key, id)` answers without OFFSET, so the
hundredth page costs what the first does. `last`/`before` walk the order backwards and turn
the page round.
"""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from graphql import GraphQLError

from core.keyset import Order, beyond, order_by
from storefront_api.core.connection import check_page_args

PREFIX = "keyset:"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def encode_keyset(values: Sequence[Any]) -> str:
    raw = PREFIX + json.dumps([_plain(v) for v in values], separators=(",", ":"))
    return base64.b64encode(raw.encode()).decode()


def decode_keyset(cursor: str, size: int) -> list[Any]:
    try:
        raw = base64.b64decode(cursor.encode(), validate=True).decode()
        if not raw.startswith(PREFIX):
            raise ValueError(raw)
        values = json.loads(raw[len(PREFIX) :])
    except (ValueError, UnicodeDecodeError):
        raise GraphQLError(f"Invalid cursor: {cursor!r}") from None
    if (
        not isinstance(values, list)
        or len(values) != size
        or not all(v is None or isinstance(v, str | int | float) for v in values)
    ):
        raise GraphQLError(f"Invalid cursor: {cursor!r}")
    return values


@dataclass(frozen=True)
class Keyset:
    """The order of a list: `fields` (the last one unique, e.g. the id), all ascending or
    all descending (`core.keyset` does the SQL)."""

    fields: tuple[str, ...]
    descending: bool = False

    @property
    def spec(self) -> Order:
        return tuple((field, self.descending) for field in self.fields)

    def order(self, *, backwards: bool = False) -> list[Any]:
        return order_by(self.spec, backwards=backwards)

    def beyond(self, values: Sequence[Any], *, backwards: bool = False) -> Q:
        """Rows strictly after `values` in this order (before them when `backwards`)."""
        return beyond(self.spec, values, backwards=backwards)

    def cursor(self, row: Any) -> str:
        return encode_keyset([getattr(row, f) for f in self.fields])


@dataclass
class KeysetPage:
    rows: list[Any]
    start_cursor: str | None
    end_cursor: str | None
    has_previous_page: bool
    has_next_page: bool
    cursors: list[str]


def keyset_page(
    queryset: QuerySet[Any], keyset: Keyset, args: dict[str, Any], *, name: str
) -> KeysetPage:
    """The rows of the page `args` asks for (`first`/`after` or `last`/`before`), in order.
    One query: the page plus one row, to know whether more follow."""
    first, last = check_page_args(args, name=name)
    backwards = first is None and last is not None
    size = first if first is not None else last
    assert size is not None
    qs = queryset
    if args.get("after"):
        qs = qs.filter(keyset.beyond(decode_keyset(args["after"], len(keyset.fields))))
    if args.get("before"):
        before = decode_keyset(args["before"], len(keyset.fields))
        qs = qs.filter(keyset.beyond(before, backwards=True))
    rows = list(qs.order_by(*keyset.order(backwards=backwards))[: size + 1]) if size else []
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    cursors = [keyset.cursor(row) for row in rows]
    return KeysetPage(
        rows=rows,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
        has_previous_page=more if backwards else bool(args.get("after")),
        has_next_page=bool(args.get("before")) if backwards else more,
        cursors=cursors,
    )
