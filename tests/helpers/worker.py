"""Waiting for the session's real Celery worker to go quiet.

A transactional test's committed work hands tasks to the worker (order e-mails, account
e-mails). The test's closing TRUNCATE must not race a task still reading those tables:
PostgreSQL breaks the tie by reporting a deadlock, which fails whichever test is ending.
"""

from __future__ import annotations

import time

import redis
from django.conf import settings

# Kombu's Redis transport: the default queue (a list), and the messages delivered to a
# worker and not yet acknowledged (a hash). With CELERY_TASK_ACKS_LATE a task is
# acknowledged when it has finished, so both empty means nothing waits and nothing runs.
QUEUE = "celery"
UNACKED = "unacked"


def wait_until_worker_quiet(timeout: float = 10.0) -> bool:
    """Until the broker holds no task waiting for or running in a worker (`timeout`
    seconds at most: a task retrying on a back-off may outlast it); True when quiet."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    deadline = time.monotonic() + timeout
    while True:
        if client.llen(QUEUE) == 0 and client.hlen(UNACKED) == 0:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
