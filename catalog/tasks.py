"""Scheduled catalog jobs (see marketplace/celery.py beat_schedule)."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from catalog.certificates import do_expire_certificates, today
from catalog.expiry_notices import notify_expiring
from catalog.listed import refresh_listed
from catalog.listed_count import do_fold_listed_counts, do_reset_listed_counts
from catalog.models import ProductChannelListing
from catalog.search_vector import refresh_vocabulary

# How far back the minute job looks for publications (a few missed ticks are covered).
PUBLICATION_WINDOW = datetime.timedelta(minutes=10)


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


@shared_task(name="catalog.tasks.refresh_listing_record")
def refresh_listing_record() -> int:
    """Daily, after midnight in Vietnam: what the clock alone changes in the listing record
    (certificates lapsing, decisions taking effect, scheduled publication). Lists already
    hide lapsed rows by date (`catalog.listed.listed_now`); this removes them and adds the
    products whose time came."""
    with transaction.atomic():
        changed = refresh_listed(None)
        do_reset_listed_counts()  # recounted once a day: a drift cannot outlive a day
    return changed


@shared_task(name="catalog.tasks.list_scheduled_publications")
def list_scheduled_publications() -> int:
    """Every minute: products whose scheduled publication time has just passed join the
    listing record (the rule lists them from that moment); then the count's pending deltas
    are folded into each channel's kept total (`catalog.listed_count`)."""
    since = timezone.now() - PUBLICATION_WINDOW
    ids = ProductChannelListing.objects.filter(
        is_published=True, published_at__gt=since, published_at__lte=timezone.now()
    ).values_list("product_id", flat=True)
    with transaction.atomic():
        changed = refresh_listed(list(ids))
    do_fold_listed_counts()
    return changed
