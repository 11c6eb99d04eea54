"""The Celery application; tasks are discovered in every installed app's tasks.py."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The project package is not an installed app, so its own tasks are imported by name.
app.conf.imports = ("marketplace.tasks",)

app.conf.beat_schedule = {
    # Certificates are valid until a calendar day in Vietnam; run shortly after midnight.
    "expire-ocop-certificates": {
        "task": "catalog.tasks.expire_certificates",
        "schedule": crontab(hour=0, minute=5),
    },
    # The listing record (catalog.ListedProduct): what midnight changes, then every minute
    # the scheduled publications that came due.
    "refresh-listing-record": {
        "task": "catalog.tasks.refresh_listing_record",
        "schedule": crontab(hour=0, minute=10),
    },
    "list-scheduled-publications": {
        "task": "catalog.tasks.list_scheduled_publications",
        "schedule": 60.0,
        "options": {"expires": 60},
    },
    "notify-expiring-certificates": {
        "task": "catalog.tasks.notify_expiring_certificates",
        "schedule": crontab(hour=8, minute=0),
    },
    # The PostgreSQL search's typo vocabulary, recounted from the search documents.
    "rebuild-search-vocabulary": {
        "task": "catalog.tasks.rebuild_search_vocabulary",
        "schedule": crontab(hour=2, minute=15),
    },
    # Presigned uploads never confirmed by the seller's client are removed from storage.
    "purge-stale-uploads": {
        "task": "sellers.tasks.purge_stale_uploads",
        "schedule": crontab(hour=3, minute=30),
    },
    "beat-heartbeat": {"task": "marketplace.tasks.heartbeat", "schedule": 60.0},
    # Livestreams go live / end at their times and reminders go out 15 min before; both
    # tasks are conditional UPDATEs, so a late, missed or doubled tick is harmless.
    "livestream-transitions": {
        "task": "livestream.tasks.transition_due_livestreams",
        "schedule": 15.0,
        "options": {"expires": 15},
    },
    # Flash deals open and close by their times; this only tells viewers, within 5 s.
    "livestream-flash-deals": {
        "task": "livestream.tasks.announce_flash_deals",
        "schedule": 5.0,
        "options": {"expires": 5},
    },
    "livestream-reminders": {
        "task": "livestream.tasks.send_due_livestream_reminders",
        "schedule": 30.0,
        "options": {"expires": 30},
    },
    # A featured collection's window edge changes its products' search ranking.
    "refresh-collection-windows": {
        "task": "search.tasks.refresh_collection_windows",
        "schedule": 60.0,
        "options": {"expires": 60},
    },
    # Payments are never lost: repair what a crash or a lost webhook left (see
    # payments/reconciliation.py); unpaid card orders expire.
    "reconcile-payments": {
        "task": "marketplace.payments.tasks.reconcile_payments",
        "schedule": 600.0,
    },
    "expire-unpaid-orders": {
        "task": "marketplace.payments.tasks.expire_unpaid_orders",
        "schedule": 60.0,
    },
}
