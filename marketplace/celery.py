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
    "notify-expiring-certificates": {
        "task": "catalog.tasks.notify_expiring_certificates",
        "schedule": crontab(hour=8, minute=0),
    },
    "beat-heartbeat": {"task": "marketplace.tasks.heartbeat", "schedule": 60.0},
}
