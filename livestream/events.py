"""What a live session's viewers are told, and when: only after the change committed.

The contract every writer uses (pins, flash deals, sales, comments, status changes):

    announce_state(livestream.pk, "offer.pinned")   # inside the writer's transaction

Once the transaction commits, the event is published with the session's state as read from
the database then (`livestream.live_state.snapshot`), never a guess by the writer; a
rolled-back transaction publishes nothing. Comment events carry their own data instead:

    announce(livestream.pk, "comment.posted", {...})

Kinds: session.live, session.ended, offer.pinned, offer.unpinned, offer.changed, offer.sold,
flash.scheduled, flash.opened, flash.closed, comment.posted, comment.hidden, user.muted.

The transport (Redis pub/sub, event ids, server-sent events) lives behind these two
functions; until it is wired, they only register the after-commit callback.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction


def announce_state(livestream_id: int, kind: str) -> None:
    """After commit: publish `kind` with the session's fresh state."""
    transaction.on_commit(lambda: None)


def announce(livestream_id: int, kind: str, data: dict[str, Any]) -> None:
    """After commit: publish `kind` with `data` (JSON-serialisable)."""
    transaction.on_commit(lambda: None)
