"""Checks of each dependency, shared by /healthz and `ocop doctor`.

Database, broker and storage are required: when one is down the service cannot take
orders and /healthz answers 503. Search is not: without Elasticsearch the catalog
answers from PostgreSQL, which is reported as "degraded". Nor are the Celery worker and
beat: without them the site still answers and jobs wait in the broker, so the service is
"degraded" and the check names which part.

A check's `detail` and `hint` may name hosts, socket paths, database names and exception
text: `ocop doctor` prints them, /healthz only logs them (`public_json` leaves them out).
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connections
from django.utils import timezone

from marketplace.celery import app as marketplace_app
from outbox.relay import backlog
from search.client import get_client

if TYPE_CHECKING:
    from celery import Celery

OK, DEGRADED, DOWN = "ok", "degraded", "down"
# How long /healthz waits for a Celery worker to answer a ping.
WORKER_PING_TIMEOUT = 1.0
# Beat fires the heartbeat every 60 s; three missed beats mean beat or the worker stopped.
BEAT_HEARTBEAT_STALE_AFTER = datetime.timedelta(seconds=180)
# The relay sends a task within a second or two; a minute of backlog means it cannot.
OUTBOX_STALE_AFTER = datetime.timedelta(seconds=60)


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
        """Everything, details included: for `ocop doctor` and the log, never the public."""
        data = asdict(self)
        data.pop("name")
        if not data["hint"]:
            data.pop("hint")
        if not data["extra"]:
            data.pop("extra")
        return data

    def public_json(self) -> dict[str, object]:
        """What anyone may see: state, whether required, latency, and the search backend."""
        data: dict[str, object] = {
            "status": self.status,
            "required": self.required,
            "latency_ms": self.latency_ms,
        }
        if self.extra:
            data["extra"] = self.extra
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
            pool = getattr(connection, "pool", None)  # under ASGI (marketplace/asgi.py)
            if pool is not None and not pool.closed:  # (opened by the first connection)
                # Test every idle connection of this process's pool and replace the broken
                # ones: after a database restart the pool still holds connections to the
                # old server, and taking them one by one costs a second's back-off each,
                # past the 3 s a request waits. Load balancers poll this, so a restarted
                # database is reconnected here before requests meet the dead connections.
                pool.check()
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
        url = str(settings.CACHES["default"]["LOCATION"])
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


def check_worker(broker: Check | None = None, app: Celery | None = None) -> Check:
    """A real Celery ping: does any worker answer within WORKER_PING_TIMEOUT?

    Not asked when the broker check already failed (the ping would wait on a dead broker).
    `app` pings through another Celery app than the marketplace's (tests use one on a
    broker no worker listens to).
    """
    hint = "Is a Celery worker running? (`ocop serve` starts one and restarts it)"
    if broker is not None and broker.status != OK:
        return Check("worker", DOWN, False, detail="not pinged: the broker is down", hint=hint)

    def probe() -> Check:
        replies = (app or marketplace_app).control.ping(timeout=WORKER_PING_TIMEOUT, limit=1)
        names = sorted(name for reply in replies for name in reply)
        if not names:
            return Check(
                "worker",
                DOWN,
                False,
                detail=f"no Celery worker answered a ping within {WORKER_PING_TIMEOUT:g} s",
                hint=hint,
            )
        return Check("worker", OK, False, detail=f"{', '.join(names)} answered a ping")

    check = _timed("worker", False, probe)
    if check.status == DOWN and not check.hint:
        check.hint = hint
    return check


def check_beat() -> Check:
    """Informative: when beat last fired its heartbeat task through a worker."""

    def probe() -> Check:
        stamp = cache.get("ocop:beat-heartbeat")
        if not stamp:
            return Check(
                "jobs",
                DEGRADED,
                False,
                detail="no heartbeat from celery beat yet",
                hint="Are a Celery worker and beat running? (`ocop serve` starts both)",
            )
        age = timezone.now() - datetime.datetime.fromisoformat(stamp)
        if age > BEAT_HEARTBEAT_STALE_AFTER:
            return Check(
                "jobs",
                DEGRADED,
                False,
                detail=f"last beat heartbeat {stamp}, {int(age.total_seconds())} s ago",
                hint="Are a Celery worker and beat running? (`ocop serve` starts both)",
            )
        return Check("jobs", OK, False, detail=f"last beat heartbeat {stamp}")

    return _timed("jobs", False, probe)


def check_outbox() -> Check:
    """Informative: tasks written to the outbox that no relay has sent to the broker yet.

    A backlog older than OUTBOX_STALE_AFTER means the relay or the broker is down; nothing
    is lost (the rows wait in PostgreSQL), but e-mails and search updates are late.
    """

    def probe() -> Check:
        waiting = backlog()
        detail = f"{waiting.unsent} task(s) waiting"
        if waiting.oldest_seconds is not None:
            detail += f", the oldest for {int(waiting.oldest_seconds)} s"
        stale = (waiting.oldest_seconds or 0) > OUTBOX_STALE_AFTER.total_seconds()
        if stale:
            hint = "Is the outbox relay running (`ocop relay`; `ocop serve` starts it)?"
            return Check("outbox", DEGRADED, False, detail=detail, hint=hint)
        return Check("outbox", OK, False, detail=detail)

    return _timed("outbox", False, probe)


def run_checks() -> list[Check]:
    broker = check_broker()
    database = check_database()
    checks = [database, broker, check_worker(broker)]
    if database.status != DOWN:
        checks.append(check_outbox())
    return [*checks, check_search(), check_storage(), check_beat()]


def overall(checks: list[Check]) -> str:
    if any(c.required and c.status == DOWN for c in checks):
        return DOWN
    if any(c.status != OK for c in checks):
        return DEGRADED
    return OK
