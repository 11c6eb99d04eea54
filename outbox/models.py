"""One row per Celery task to send; written in the transaction of the work it follows."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    """A task call waiting for (or done with) the broker.

    Unsent rows (`sent_at IS NULL`) are claimed with SELECT … FOR NO KEY UPDATE SKIP LOCKED,
    so two senders never send the same row at once; a sender that dies between the broker's
    acknowledgement and its COMMIT sends it again later (at-least-once: consumers are
    idempotent). Sent rows are kept for OUTBOX_KEEP_SENT_HOURS, then purged by the relay.
    """

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    # Failed sends of this row (a broker outage does not count against a row: see sender.py).
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True, default="")
    sent_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        indexes = [
            # The relay's query: due unsent rows, oldest first.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(sent_at__isnull=True),
                name="outbox_due_idx",
            ),
            models.Index(
                fields=["sent_at"], condition=Q(sent_at__isnull=False), name="outbox_sent_idx"
            ),
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else f"pending ({self.attempts} failed)"
        return f"{self.task_name}{tuple(self.args)!r} {state}"
