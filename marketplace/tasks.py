"""Housekeeping tasks of the project itself."""

from __future__ import annotations

import os
import socket

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone


@shared_task(name="marketplace.tasks.heartbeat")
def heartbeat() -> str:
    """Proves that beat and a worker are alive; /healthz and `ocop doctor` read it."""
    stamp = timezone.now().isoformat()
    cache.set("ocop:beat-heartbeat", stamp, timeout=None)
    return stamp


@shared_task(name="marketplace.tasks.whoami")
def whoami() -> dict[str, object]:
    """Answers with the worker's process identity, so tests can prove out-of-process runs."""
    return {"pid": os.getpid(), "host": socket.gethostname()}
