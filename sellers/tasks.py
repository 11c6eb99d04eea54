"""Seller housekeeping jobs."""

from __future__ import annotations

from celery import shared_task

from outbox.retry import RETRY_ON_MAIL_ERRORS
from sellers import assisted
from sellers.uploads import do_purge_stale_uploads


@shared_task(name="sellers.tasks.purge_stale_uploads")
def purge_stale_uploads() -> int:
    """Daily: unconfirmed presigned uploads (and their unchecked objects) are deleted."""
    return do_purge_stale_uploads()


@shared_task(name=assisted.SEND_WELCOME, **RETRY_ON_MAIL_ERRORS)
def send_assisted_welcome(seller_id: int, officer_id: int) -> bool:
    """The welcome e-mail of a stall an officer created (sellers.assisted.send_welcome)."""
    return assisted.send_welcome(seller_id, officer_id)
