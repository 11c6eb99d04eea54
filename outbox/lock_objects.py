"""Row locks for the outbox. Call inside `transaction.atomic()`."""

from __future__ import annotations

from django.db.models import QuerySet

from outbox.models import OutboxMessage


def lock_unsent_skipping_locked() -> QuerySet[OutboxMessage]:
    """Unsent rows, FOR NO KEY UPDATE SKIP LOCKED: concurrent senders each claim different
    rows; only delivery fields change, so inserts referencing a row are not blocked."""
    return OutboxMessage.objects.select_for_update(skip_locked=True, no_key=True).filter(
        sent_at__isnull=True
    )
