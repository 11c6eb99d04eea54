"""graphql-core's executor without its test for awaitables.

graphql-core asks of every resolved value, and of every completed one, whether it is
awaitable (about 1,600 times for a page of 24 product cards), so that async resolvers can
be mixed with sync ones. No resolver of this schema is async (the view runs in a sync
thread, and Django's ORM would refuse a coroutine), so the answer is always no.
"""

from __future__ import annotations

from typing import Any

from graphql import ExecutionContext


class SyncExecutionContext(ExecutionContext):
    @staticmethod
    def is_awaitable(value: Any) -> bool:
        return False
