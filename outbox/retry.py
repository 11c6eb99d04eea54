"""Retry policies for the Celery tasks the outbox queues, as `shared_task` options."""

from __future__ import annotations

from typing import Any

# A task that sends e-mail: a mail server that is down or refuses (smtplib's errors are
# OSErrors) is tried again later, backing off, a few times.
RETRY_ON_MAIL_ERRORS: dict[str, Any] = {
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "max_retries": 5,
}
