"""The Elasticsearch connection, created once per process from ELASTICSEARCH_URL."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch


@lru_cache(maxsize=1)
def get_client() -> Elasticsearch:
    if not settings.ELASTICSEARCH_URL:
        raise RuntimeError("ELASTICSEARCH_URL is not configured")
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=5, max_retries=1)
