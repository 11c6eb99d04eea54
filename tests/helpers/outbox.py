"""Running queued tasks in a test, whose transaction never commits: what the outbox's
sender and a Celery worker do after a commit, here and now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from outbox.models import OutboxMessage


def run_queued(task_name: str, work: Callable[..., Any]) -> int:
    """Run `work` (the task's own function) on each unsent message queued for `task_name`,
    oldest first, and mark it sent; how many ran."""
    queued = list(
        OutboxMessage.objects.filter(task_name=task_name, sent_at__isnull=True).order_by("pk")
    )
    for message in queued:
        work(*message.args, **message.kwargs)
        message.sent_at = timezone.now()
        message.save(update_fields=["sent_at"])
    return len(queued)
