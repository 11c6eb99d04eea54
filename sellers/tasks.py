"""Seller housekeeping jobs."""

from __future__ import annotations

from celery import shared_task

from sellers.uploads import do_purge_stale_uploads


@shared_task(name="sellers.tasks.purge_stale_uploads")
def purge_stale_uploads() -> int:
    """Daily: unconfirmed presigned uploads (and their unchecked objects) are deleted."""
    return do_purge_stale_uploads()
