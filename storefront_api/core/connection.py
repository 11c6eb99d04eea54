"""Relay connections the Saleor way: `first`/`after` (or `last`/`before`), capped at 100,
with `totalCount`. Cursors are opaque offsets."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import graphene
from django.db.models import Model, QuerySet
from graphql import GraphQLError

MAX_PAGE = 100
PREFIX = "cursor:"

M = TypeVar("M", bound=Model)


class CountableConnection(graphene.relay.Connection):
    """Saleor's `*CountableConnection`: `edges: [Edge!]!` with `node: T!` (graphene's
    strict types), so generated storefront types need no null checks."""

    class Meta:
        abstract = True

    total_count = graphene.Int(description="A total count of items in the collection.")

    @classmethod
    def __init_subclass_with_meta__(cls, strict_types: bool = True, **options: Any) -> None:
        super().__init_subclass_with_meta__(strict_types=strict_types, **options)


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"{PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.b64decode(cursor.encode(), validate=True).decode()
        if not raw.startswith(PREFIX):
            raise ValueError(raw)
        return int(raw[len(PREFIX) :])
    except (ValueError, UnicodeDecodeError):
        raise GraphQLError(f"Invalid cursor: {cursor!r}") from None


def connection_args(**extra: Any) -> dict[str, Any]:
    return {
        "before": graphene.String(),
        "after": graphene.String(),
        "first": graphene.Int(),
        "last": graphene.Int(),
        **extra,
    }


def check_page_args(args: dict[str, Any], *, name: str) -> tuple[int | None, int | None]:
    """(first, last) as Saleor checks them: one of them given, neither above MAX_PAGE."""
    first, last = args.get("first"), args.get("last")
    if first is None and last is None:
        raise GraphQLError(
            f"You must provide a `first` or `last` value to properly paginate the `{name}` "
            "connection."
        )
    for arg, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE:
            raise GraphQLError(
                f"Requesting {value} records on the `{name}` connection exceeds the "
                f"`{arg}` limit of {MAX_PAGE} records."
            )
    return first, last


def paginate(
    queryset: QuerySet[M],
    connection_type: type[CountableConnection],
    args: dict[str, Any],
    *,
    name: str,
    prepare: Callable[[list[M]], Sequence[Any]] | None = None,
) -> CountableConnection:
    """Slice `queryset` for the requested page; `prepare` batches related rows for the page."""
    first, last = check_page_args(args, name=name)
    total = queryset.count()
    start = decode_cursor(args["after"]) + 1 if args.get("after") else 0
    end = decode_cursor(args["before"]) if args.get("before") else total
    start, end = max(start, 0), min(end, total)
    if first is not None:
        end = min(end, start + first)
    if last is not None:
        start = max(start, end - last)
    items: list[M] = list(queryset[start:end]) if end > start else []
    nodes: Sequence[Any] = prepare(items) if prepare else items
    edge_type = connection_type.Edge
    edges = [edge_type(node=node, cursor=encode_cursor(start + i)) for i, node in enumerate(nodes)]
    page_info = graphene.relay.PageInfo(
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
        has_previous_page=start > 0,
        has_next_page=end < total,
    )
    return connection_type(edges=edges, page_info=page_info, total_count=total)
