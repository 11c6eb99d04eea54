"""/healthz reports each dependency and answers 503 when a required one is down."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections
from django.test import Client


def test_it_reports_every_dependency_as_ok(db: Any, api: Client) -> None:
    # when everything the test command started is up
    response = api.get("/healthz")
    body = response.json()
    # then each dependency is named with its state
    assert response.status_code == 200
    assert set(body["checks"]) == {"database", "broker", "search", "storage", "jobs"}
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["broker"]["status"] == "ok"
    assert body["checks"]["search"]["status"] == "ok"
    assert body["checks"]["search"]["extra"] == {"backend": "es"}
    assert body["checks"]["storage"]["status"] == "ok"


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
