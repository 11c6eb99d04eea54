"""Checks of each dependency, shared by /healthz and `ocop doctor`.

Database, broker and storage are required: when one is down the service cannot take
orders and /healthz answers 503. Search is not: without Elasticsearch the catalog
answers from PostgreSQL, which is reported as "degraded".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import connections

OK, DEGRADED, DOWN = "ok", "degraded", "down"


@dataclass
class Check:
    name: str
    status: str
    required: bool
    detail: str = ""
    hint: str = ""
    latency_ms: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("name")
        if not data["hint"]:
            data.pop("hint")
        if not data["extra"]:
            data.pop("extra")
        return data


def _timed(name: str, required: bool, probe: Callable[[], Check]) -> Check:
    started = time.perf_counter()
    try:
        result = probe()
    except Exception as exc:  # every failure of a dependency is a finding, not a crash
        result = Check(name, DOWN, required, detail=f"{type(exc).__name__}: {exc}".strip())
    result.latency_ms = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database() -> Check:
    def probe() -> Check:
        connection = connections["default"]
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception:
            # Drop the broken connection so the next request reconnects once the
            # server is back, instead of reusing a dead socket.
            connection.close()
            raise
        return Check("database", OK, True, detail=connection.settings_dict["NAME"])

    check = _timed("database", True, probe)
    if check.status == DOWN:
        check.hint = "Is PostgreSQL running and DATABASE_URL right?"
    return check


def check_broker() -> Check:
    def probe() -> Check:
        import redis

        url = settings.CACHES["default"]["LOCATION"]
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        client.ping()
        return Check("broker", OK, True, detail="redis")

    check = _timed("broker", True, probe)
    if check.status == DOWN:
        check.hint = "Is Redis running and CELERY_BROKER_URL/REDIS_URL right?"
    return check


def check_search() -> Check:
    if not settings.ELASTICSEARCH_URL:
        return Check(
            "search",
            DEGRADED,
            False,
            detail="ELASTICSEARCH_URL not set; answering from PostgreSQL",
            hint="Set ELASTICSEARCH_URL to use Elasticsearch (optional)",
            extra={"backend": "postgres"},
        )

    def probe() -> Check:
        from search.client import get_client

        # Cluster health rather than GET /: the minimal distribution has no root endpoint.
        health = get_client().cluster.health(timeout="2s")
        if health["status"] == "red":
            raise RuntimeError("cluster status is red")
        detail = f"elasticsearch cluster {health['cluster_name']} ({health['status']})"
        return Check("search", OK, False, detail=detail, extra={"backend": "es"})

    check = _timed("search", False, probe)
    if check.status == DOWN:
        check.status = DEGRADED
        check.extra = {"backend": "postgres"}
        check.hint = "Elasticsearch unreachable; search answers from PostgreSQL meanwhile"
    return check


def check_storage() -> Check:
    def probe() -> Check:
        from django.core.files.storage import default_storage

        if settings.AWS_STORAGE_BUCKET_NAME:
            client = default_storage.connection.meta.client  # type: ignore[attr-defined]
            client.head_bucket(Bucket=settings.AWS_STORAGE_BUCKET_NAME)
            return Check("storage", OK, True, detail=f"s3://{settings.AWS_STORAGE_BUCKET_NAME}")
        root = settings.MEDIA_ROOT
        root.mkdir(parents=True, exist_ok=True)
        probe_file = root / ".healthz"
        probe_file.write_text("ok")
        probe_file.unlink()
        return Check("storage", OK, True, detail=f"local {root}")

    check = _timed("storage", True, probe)
    if check.status == DOWN:
        check.hint = "Check the S3 endpoint, bucket and keys (AWS_* variables)"
    return check


def check_beat() -> Check:
    """Informative: when beat last fired its heartbeat task through a worker."""

    def probe() -> Check:
        from django.core.cache import cache

        stamp = cache.get("ocop:beat-heartbeat")
        if not stamp:
            return Check(
                "jobs",
                DEGRADED,
                False,
                detail="no heartbeat from celery beat yet",
                hint="Are a Celery worker and beat running? (`ocop serve` starts both)",
            )
        return Check("jobs", OK, False, detail=f"last beat heartbeat {stamp}")

    return _timed("jobs", False, probe)


def run_checks() -> list[Check]:
    return [check_database(), check_broker(), check_search(), check_storage(), check_beat()]


def overall(checks: list[Check]) -> str:
    if any(c.required and c.status == DOWN for c in checks):
        return DOWN
    if any(c.status != OK for c in checks):
        return DEGRADED
    return OK
