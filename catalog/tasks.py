"""Scheduled catalog jobs (see marketplace/celery.py beat_schedule)."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from catalog.certificates import do_expire_certificates, today
from catalog.expiry_notices import notify_expiring
from catalog.search_vector import refresh_vocabulary


@shared_task(name="catalog.tasks.expire_certificates")
def expire_certificates() -> list[int]:
    """Daily: verified certificates whose validity ended before today (Vietnam) expire."""
    return do_expire_certificates(today())


@shared_task(name="catalog.tasks.notify_expiring_certificates")
def notify_expiring_certificates() -> int:
    """Daily: e-mail sellers 60, 30 and 7 days before a certificate expires."""
    return notify_expiring(today())


@shared_task(name="catalog.tasks.rebuild_search_vocabulary")
def rebuild_search_vocabulary() -> None:
    """Daily: the typo vocabulary's words and frequencies from every search document (new
    words join it as products are saved; this drops gone words and recounts)."""
    with transaction.atomic():
        refresh_vocabulary()
