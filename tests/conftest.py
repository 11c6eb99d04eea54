"""Test fixtures over the real services that `scripts/test` starts.

Nothing here fakes a service: a missing one fails the run loudly (settings refuse to
load without DATABASE_URL, and the fixtures below refuse to go on without the others).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from accounts.models import User

if TYPE_CHECKING:
    # Imported where used: tests/helpers/database.py is also a pytest plugin (below), which
    # pytest must import first to rewrite its asserts.
    from tests.helpers.demo_snapshot import Snapshot

# The shared `empty_database` fixture for modules of serialized_rollback tests.
pytest_plugins = ["tests.helpers.database", "tests.helpers.browser"]

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = (
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "STRIPE_API_BASE",
    "STRIPE_SECRET_KEY",
    "AWS_S3_ENDPOINT_URL",
    "AWS_STORAGE_BUCKET_NAME",
)


# Fixtures that reach a service (the database, Elasticsearch, a Celery worker, ...): a test
# that asks for one of them, directly or through its own fixtures, is an integration test.
SERVICE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "django_db_setup",
        "live_server",
        "celery_worker",
        "demo_catalog",
        "demo_snapshot",
        "search_index",
        "empty_database",
        "page",  # a browser, and the live server it opens
    }
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "unit: needs no service; given automatically to every test that neither asks for a"
        " service fixture nor is marked `services` or `django_db` (tests/conftest.py)",
    )
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        raise pytest.UsageError(
            f"the test services are not configured ({', '.join(missing)} missing): "
            "run the tests through `scripts/test`, which starts them"
        )
    # Hashing passwords with PBKDF2 would dominate the suite's time; tests prove nothing
    # about the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Nor about botocore re-reading its bundled JSON models for every new S3 storage object.
    from tests.helpers.boto import share_botocore_data_loader

    share_botocore_data_loader()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Sort the tests into two tiers (README, Testing): `unit` for those that need no service,
    which `scripts/test` runs first, on its own and before the services start; the rest are
    the integration tier. A test that talks to a service without asking for a fixture of
    SERVICE_FIXTURES (a subprocess, a raw Redis or S3 client) says so with
    `pytest.mark.services`; the unit tier runs with every service address pointing at a
    closed port, so a test that was sorted wrong fails there instead of passing by luck."""
    for item in items:
        if (
            item.get_closest_marker("services") is None
            and item.get_closest_marker("django_db") is None
            and SERVICE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(pytest.mark.unit)


def is_unit(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("unit") is not None


SEARCH_MODULES = ("test_search_", "test_real_services", "test_healthz")


@pytest.fixture(autouse=True)
def search_only_where_tested(request: pytest.FixtureRequest, settings: Any) -> None:
    """Elasticsearch stays on for the search tests only.

    Elsewhere, every committed change would queue an index update for the shared Celery
    worker, racing the flush that ends each transactional test (a TRUNCATE and a task
    reading the same tables can deadlock) while proving nothing those tests assert.
    """
    module = request.module.__name__.rsplit(".", 1)[-1]
    if not module.startswith(SEARCH_MODULES):
        settings.ELASTICSEARCH_URL = ""


@pytest.fixture(autouse=True)
def fresh_auth_throttle(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test starts with no login or sign-up counted against it.

    The throttle's counters live in the shared test Redis and every test client comes
    from 127.0.0.1, so without this the suite's own failed logins and sign-ups would
    add up to a lockout in whichever test happens to come later.
    """
    if is_unit(request):
        # A unit test reaches no Redis (and no login or sign-up, which need the database).
        yield
        return
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = list(client.scan_iter(match="*:auth-throttle:*", count=1000))
    if keys:
        client.delete(*keys)
    yield


# Whether the session's real Celery worker (`celery_worker`) runs: from then on, tasks a
# transactional test commits run in it, possibly still when the test ends.
WORKER_STARTED = False

DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "live_server",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
    }
)


@pytest.fixture(autouse=True)
def outbox_sender_idle_after_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """The outbox sends committed tasks from a background thread with its own connection, and
    the session's Celery worker (once started) runs them; a transactional test's closing
    TRUNCATE must race neither (PostgreSQL reports a deadlock).

    The wait must come before that TRUNCATE, which pytest-django's database helper runs when
    it is torn down. An autouse fixture is torn down after the test's own fixtures, so this
    one asks for the helper itself (only for a test that uses the database anyway): a fixture
    is torn down before the fixtures it asked for."""
    if request.node.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
        request.fixturenames
    ):
        request.getfixturevalue("_django_db_helper")  # pytest-django's, behind db fixtures
    yield
    from outbox.sender import wait_until_idle

    wait_until_idle(timeout=5.0)
    if WORKER_STARTED and not connections["default"].in_atomic_block:
        # A transactional test (its work committed): the tasks the sender just handed to
        # the session's worker must have run before the TRUNCATE, for the same reason.
        from tests.helpers.worker import wait_until_worker_quiet

        wait_until_worker_quiet()


@pytest.fixture(scope="session")
def worker_mail_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the Celery worker keeps the e-mails it sends, one .eml each (the demo backend):
    a test that follows an e-mail a task sent reads them at the demo mailbox."""
    return tmp_path_factory.mktemp("worker-mail")


@pytest.fixture(scope="session")
def celery_worker(
    django_db_setup: Any,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
    worker_mail_dir: Path,
) -> Iterator[subprocess.Popen[bytes]]:
    """A real Celery worker process, on the test database and the test Redis."""
    db = connections["default"].settings_dict
    env = os.environ.copy()
    env["EMAIL_BACKEND"] = "marketplace.mail.EmlFileBackend"
    env["EMAIL_FILE_PATH"] = str(worker_mail_dir)
    host = db["HOST"]
    if host.startswith("/"):
        env["DATABASE_URL"] = (
            f"postgresql://{db['USER']}:{db['PASSWORD']}@/{db['NAME']}?host={host}"
        )
    else:
        env["DATABASE_URL"] = (
            f"postgresql://{db['USER']}:{db['PASSWORD']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    log = (tmp_path_factory.mktemp("celery") / "worker.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "marketplace",
            "worker",
            "-l",
            "info",
            "-c",
            "2",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    from marketplace.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Celery worker exited; see {log.name}")
        replies = app.control.ping(timeout=1.0)
        if any(f"test-{os.getpid()}@" in name for reply in replies for name in reply):
            break
    else:
        process.kill()
        raise RuntimeError(f"the Celery worker did not answer within 60 s; see {log.name}")
    global WORKER_STARTED
    WORKER_STARTED = True
    yield process
    WORKER_STARTED = False
    process.terminate()
    process.wait(timeout=20)
    log.close()


DEMO_SNAPSHOT = pytest.StashKey["Snapshot"]()


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: Any, django_db_blocker: Any, request: pytest.FixtureRequest
) -> None:
    """pytest-django's test database, and the copies taken of it while it is as created:

    - its initial rows, which `serialized_rollback` then restores in SQL
      (tests/helpers/database.py: fast_serialized_rollback);
    - when a collected test uses the demo catalogue, the rows the demo adds to it
      (tests/helpers/demo_snapshot.py). Taken here, not at the first such test: a
      transactional test before it may have left the tables empty.
    """
    from tests.helpers.database import fast_serialized_rollback
    from tests.helpers.demo_snapshot import build

    wants_demo = {"demo_catalog", "demo_snapshot"}
    items = request.session.items
    with django_db_blocker.unblock():
        fast_serialized_rollback(connections["default"])
        if any(not wants_demo.isdisjoint(getattr(item, "fixturenames", ())) for item in items):
            request.config.stash[DEMO_SNAPSHOT] = build()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup: None, request: pytest.FixtureRequest) -> Snapshot:
    """The demo catalogue, loaded once for the session (tests/helpers/demo_snapshot.py)."""
    return request.config.stash[DEMO_SNAPSHOT]


@pytest.fixture
def demo_catalog(db: Any, settings: Any, demo_snapshot: Snapshot) -> None:
    """The demo catalogue in this test's database, exactly as `load_demo` leaves it: copied
    from the session's snapshot in milliseconds; loaded for real when the copy cannot be used
    (older than the demo's time-relative data allows, or clashing with rows the test made)."""
    from tests.helpers.demo_snapshot import restore

    if demo_snapshot.is_current() and restore(demo_snapshot):
        return
    from demo.loader import load_demo

    load_demo(progress=lambda message: None)


def gql(
    client: Client, query: str, variables: dict[str, Any] | None = None, token: str | None = None
) -> dict[str, Any]:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **headers,
    )
    body: dict[str, Any] = response.json()
    return body


def token_for(user: User) -> str:
    from accounts.tokens import create_access_token

    return create_access_token(user)


@pytest.fixture
def api() -> Client:
    return Client()


__all__ = ["gql", "settings", "token_for"]
