"""The Elasticsearch connection, and a short memo of "Elasticsearch is down".

One client per URL (tests point settings.ELASTICSEARCH_URL elsewhere and get a fresh
client). Searches use a short timeout and no retries: when Elasticsearch fails, callers
answer from PostgreSQL and `mark_down()` makes the next requests skip Elasticsearch for
ELASTICSEARCH_RETRY_AFTER_SECONDS, so a dead cluster costs one timeout, not one per request.
"""

from __future__ import annotations

import threading
import time
from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch

_down_until: dict[str, float] = {}
_down_lock = threading.Lock()


def is_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


@lru_cache(maxsize=8)
def _client_for(url: str, timeout_seconds: float) -> Elasticsearch:
    return Elasticsearch(
        url, request_timeout=timeout_seconds, max_retries=0, retry_on_timeout=False
    )


def get_client() -> Elasticsearch:
    """The client for the configured URL; bulk and admin callers raise the timeout with
    `get_client().options(request_timeout=...)`."""
    if not settings.ELASTICSEARCH_URL:
        raise RuntimeError("ELASTICSEARCH_URL is not configured")
    return _client_for(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT_MS / 1000)


def clear_client_cache() -> None:
    _client_for.cache_clear()
    with _down_lock:
        _down_until.clear()


def is_available() -> bool:
    """Configured, and not known to have failed in the last few seconds."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        return False
    with _down_lock:
        until = _down_until.get(url)
        if until is None:
            return True
        if time.monotonic() >= until:
            del _down_until[url]
            return True
        return False


def mark_down() -> None:
    url = settings.ELASTICSEARCH_URL
    if url:
        with _down_lock:
            _down_until[url] = time.monotonic() + settings.ELASTICSEARCH_RETRY_AFTER_SECONDS


def mark_up() -> None:
    with _down_lock:
        _down_until.pop(settings.ELASTICSEARCH_URL, None)
