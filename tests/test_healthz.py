"""/healthz reports each dependency and answers 503 when a required one is down.

The public body says the state of each dependency, never how it failed; the details go to
the log under the request id the client gets (and `ocop doctor` prints them).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import os
import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from celery import Celery
from django.db import connections
from django.test import Client
from django.utils import timezone

from marketplace.health import (
    DEGRADED,
    DOWN,
    OK,
    check_broker,
    check_worker,
    overall,
    run_checks,
)
from outbox.models import OutboxMessage


def test_it_reports_every_dependency_as_ok(db: Any, api: Client) -> None:
    # when everything the test command started is up
    response = api.get("/healthz")
    body = response.json()
    # then each dependency is named with its state
    assert response.status_code == 200
    assert set(body["checks"]) == {
        "database",
        "broker",
        "worker",
        "outbox",
        "search",
        "storage",
        "jobs",
    }
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["outbox"]["status"] == "ok"
    assert body["checks"]["broker"]["status"] == "ok"
    assert body["checks"]["search"]["status"] == "ok"
    assert body["checks"]["search"]["extra"] == {"backend": "es"}
    assert body["checks"]["storage"]["status"] == "ok"


def test_it_reports_an_outbox_backlog_as_degraded_not_down(db: Any, api: Client) -> None:
    # given a task written to the outbox two minutes ago and never relayed
    message = OutboxMessage.objects.create(task_name="marketplace.tasks.heartbeat")
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    # when anyone asks for the health
    response = api.get("/healthz")
    # then the outbox is named degraded, and the site still answers 200
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["outbox"]["status"] == "degraded"
    # and `ocop doctor`'s view says how many wait and for how long
    (outbox,) = [c for c in run_checks() if c.name == "outbox"]
    assert outbox.detail.startswith("1 task(s) waiting, the oldest for 1")


@contextlib.contextmanager
def unreachable_database() -> Iterator[None]:
    """Point the default connection at a port where no PostgreSQL listens, then back."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="9")
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


# The connection is closed mid-test, which an atomic test-case transaction cannot survive;
# serialized_rollback restores the content types the flush after this test removes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_answers_503_while_the_database_is_down_and_200_once_it_is_back(
    api: Client,
) -> None:
    # when the database cannot be reached
    with unreachable_database():
        down = api.get("/healthz")
    # and then can be again
    back = api.get("/healthz")
    # then the service said so, naming the dependency, and recovered without a restart
    assert down.status_code == 503
    assert down.json()["status"] == "down"
    assert down.json()["checks"]["database"]["status"] == "down"
    assert down.json()["checks"]["broker"]["status"] == "ok"
    assert back.status_code == 200
    assert back.json()["checks"]["database"]["status"] == "ok"


def test_it_reports_search_degraded_without_elasticsearch(
    db: Any, api: Client, settings: Any
) -> None:
    # given no Elasticsearch configured (the embedded default)
    settings.ELASTICSEARCH_URL = ""
    # when health is asked
    response = api.get("/healthz")
    # then search is degraded (answered from PostgreSQL) but the service is up
    assert response.status_code == 200
    assert response.json()["checks"]["search"]["status"] == "degraded"
    assert response.json()["checks"]["search"]["extra"] == {"backend": "postgres"}


def test_it_reports_the_worker_ok_when_a_worker_answers_a_ping(
    db: Any, api: Client, celery_worker: subprocess.Popen[bytes]
) -> None:
    # given a real Celery worker on the test broker
    # when health is asked
    response = api.get("/healthz")
    # then the worker answered the ping
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == {
        "status": "ok",
        "required": False,
        "latency_ms": response.json()["checks"]["worker"]["latency_ms"],
    }


def celery_app_on_a_broker_without_workers() -> Celery:
    """A Celery app on Redis database 15 of the test server, where no worker listens."""
    url = re.sub(r"/\d+$", "", os.environ["REDIS_URL"]) + "/15"
    app = Celery("no-workers", set_as_current=False)
    # Not `broker=`: the CELERY_BROKER_URL of the test services would override it.
    app.conf.broker_read_url = app.conf.broker_write_url = url
    return app


def test_it_reports_a_missing_worker_as_down_while_the_service_stays_up(db: Any) -> None:
    # given a broker that answers but no worker listening on it
    app = celery_app_on_a_broker_without_workers()
    broker = check_broker()
    # when the worker is pinged
    worker = check_worker(broker, app=app)
    app.close()
    # then the worker is named down, not required, and the service is degraded, not down
    assert broker.status == OK
    assert worker.status == DOWN
    assert worker.required is False
    assert worker.detail == "no Celery worker answered a ping within 1 s"
    assert worker.hint == "Is a Celery worker running? (`ocop serve` starts one and restarts it)"
    assert overall([broker, worker]) == DEGRADED


def test_it_does_not_ping_the_worker_through_a_dead_broker(
    db: Any, api: Client, settings: Any
) -> None:
    # given a broker that cannot be reached
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    # when health is asked
    response = api.get("/healthz")
    checks = response.json()["checks"]
    # then the broker is down (503) and the worker is reported down without a ping
    assert response.status_code == 503
    assert checks["broker"]["status"] == "down"
    assert checks["worker"]["status"] == "down"
    assert checks["worker"]["latency_ms"] == 0.0
    assert checks["database"]["status"] == "ok"


INTERNAL = re.compile(
    r"127\.0\.0\.1|localhost|:\d{2,5}\b|/tmp|\.sock|Error|Exception|refused|connect|"
    r"test_ocop|ocop_h|elasticsearch|s3://|local /"
)


# The connection is closed mid-test (see above).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_shows_no_internal_detail_publicly_and_logs_it_under_the_request_id(
    api: Client, caplog: pytest.LogCaptureFixture
) -> None:
    # given the database cannot be reached
    database_name = connections["default"].settings_dict["NAME"]
    # when health is asked
    with caplog.at_level(logging.INFO, logger="marketplace.health"), unreachable_database():
        response = api.get("/healthz")
    body = response.json()
    text = json.dumps(body)
    # then the public answer names the dependency and its state, and nothing else
    assert response.status_code == 503
    assert body["checks"]["database"] == {
        "status": "down",
        "required": True,
        "latency_ms": body["checks"]["database"]["latency_ms"],
    }
    assert INTERNAL.search(text) is None, text
    assert database_name not in text
    for check in body["checks"].values():
        assert set(check) <= {"status", "required", "latency_ms", "extra"}
    # and the details are in the log, under the request id the client was given
    request_id = body["requestId"]
    assert response["X-Request-ID"] == request_id
    logged = [r.getMessage() for r in caplog.records if request_id in r.getMessage()]
    database_lines = [line for line in logged if line.startswith("healthz database down: ")]
    assert len(database_lines) == 1
    assert "OperationalError" in database_lines[0]
    assert "127.0.0.1" in database_lines[0]


def test_it_shows_no_internal_detail_publicly_when_all_is_well(db: Any, api: Client) -> None:
    # when health is asked of the real services (search on Elasticsearch, media on S3)
    response = api.get("/healthz")
    text = json.dumps(response.json())
    # then no host, bucket, cluster or database name is shown
    assert response.status_code == 200
    assert INTERNAL.search(text) is None, text
    assert connections["default"].settings_dict["NAME"] not in text
