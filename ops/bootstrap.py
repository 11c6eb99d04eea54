"""Getting a process ready to run the marketplace: the embedded services (demo mode) and
Django. Every `ocop` command and `ocop doctor` start here."""

from __future__ import annotations

import os

import django

from marketplace.env import data_dir
from ops import embedded


def say(message: str) -> None:
    print(f"[ocop] {message}", flush=True)


def bootstrap(*, start_embedded: bool = True) -> list[str]:
    """Prepare the environment and Django; return the embedded services started.

    In demo mode, start the embedded PostgreSQL and Redis unless DATABASE_URL /
    REDIS_URL point elsewhere, and export their URLs for Django and child processes.
    The names returned ("postgres", "redis") are the services `ocop serve` then keeps
    running; the ones configured by URL are someone else's to run.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    mode = os.environ.get("OCOP_MODE", "demo")
    started: list[str] = []
    if mode != "production" and start_embedded:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if not os.environ.get("DATABASE_URL"):
            say(f"starting embedded PostgreSQL in {folder / 'pg'} ...")
            os.environ["DATABASE_URL"] = embedded.start_postgres(folder)
            started.append("postgres")
        if not (os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL")):
            say(f"starting embedded Redis in {folder / 'redis'} ...")
            os.environ["REDIS_URL"] = embedded.start_redis(folder)
            started.append("redis")
    django.setup()
    return started
