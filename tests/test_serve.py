"""`ocop serve` end to end, on the embedded default (no service URLs in the environment).

The supervision tests kill parts of one running `ocop serve` (shared by the module: a start
costs seconds) and watch it restart them while the API keeps answering.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from celery import Celery
from django.utils import timezone

from demo import content

# `ocop serve` starts its own PostgreSQL, Redis and worker: integration, not unit.
pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parents[1]
SERVICE_VARS = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def data_dir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="ocop-serve-"))
    folder.chmod(0o755)  # the embedded PostgreSQL runs as its own OS user when we are root
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def serve_env(data_dir: Path) -> dict[str, str]:
    """The environment of a user who configured nothing, with their own data folder."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in SERVICE_VARS and not k.startswith(("AWS_", "STRIPE_", "DJANGO_"))
    }
    env["OCOP_DATA_DIR"] = str(data_dir)
    return env


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        env = serve_env(data_dir)
        self.log_path = data_dir / f"serve-{self.port}.log"
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ops.cli", "serve", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log_path.read_text()

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "[ocop] press Ctrl+C to stop" in self.output():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        raise AssertionError(f"ocop serve did not become ready:\n{self.output()[-4000:]}")

    def get(self, path: str) -> tuple[int, dict[str, object]]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def graphql(self, query: str) -> dict[str, object]:
        request = urllib.request.Request(
            self.base + "/graphql/",
            data=json.dumps({"query": query}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body: dict[str, object] = json.loads(response.read())
            return body

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=60)
        self.log.close()
        return code


PRODUCTS = (
    '{ products(first: 50, channel: "default-channel") { totalCount edges { node { name } } } }'
)


def expected_names() -> list[str]:
    today = timezone.localdate()
    return sorted(p.name for p in content.DEMO_PRODUCTS if p.is_listable(today))


def test_it_serves_the_demo_catalog_and_keeps_it_across_restarts(data_dir: Path) -> None:
    # given a fresh data folder and no service configured
    server = Server(data_dir)
    try:
        # when the marketplace starts for the first time
        server.wait_ready(timeout=300)
        status, health = server.get("/healthz")
        body = server.graphql(PRODUCTS)
    finally:
        first_exit = server.stop()
    # then it loaded the demo data, answers GraphQL, and reports its dependencies
    assert "first start: loading demo data" in server.output()
    assert status == 200
    checks = health["checks"]
    assert isinstance(checks, dict)
    assert checks["database"]["status"] == "ok"
    assert checks["broker"]["status"] == "ok"
    assert checks["storage"]["status"] == "ok"
    assert checks["search"]["status"] == "degraded"
    names = sorted(e["node"]["name"] for e in body["data"]["products"]["edges"])  # type: ignore[index]
    assert names == expected_names()
    assert first_exit == 0

    # when it is started again on the same folder
    again = Server(data_dir)
    try:
        again.wait_ready(timeout=120)
        body_again = again.graphql(PRODUCTS)
    finally:
        again.stop()
    # then the data survived and the demo was not reloaded
    assert "first start" not in again.output()
    assert body_again == body


# --- Supervision: one `ocop serve` for the tests below -------------------------------------


@pytest.fixture(scope="module")
def serving(data_dir: Path) -> Iterator[Server]:
    server = Server(data_dir)
    try:
        server.wait_ready(timeout=300)
        yield server
    finally:
        server.stop()


def wait_for(what: str, predicate: Callable[[], bool], timeout: float) -> float:
    """Poll until `predicate` holds; answer how long it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {timeout} s")


def child_pid(server: Server, *argv_words: str) -> int:
    """The pid of the child of `ocop serve` whose command line has all these words."""
    for child in psutil.Process(server.process.pid).children():
        cmdline = child.cmdline()
        if all(word in cmdline for word in argv_words):
            return child.pid
    raise AssertionError(f"no child {argv_words} of ocop serve")


def health(server: Server) -> tuple[int, dict[str, object]]:
    try:
        return server.get("/healthz")
    except OSError:
        return 0, {}


def check_status(body: dict[str, object], name: str) -> object:
    checks = body.get("checks")
    return checks.get(name, {}).get("status") if isinstance(checks, dict) else None


def ping_workers(data_dir: Path) -> list[str]:
    """A real Celery ping through the Redis of that `ocop serve`."""
    app = Celery("probe", set_as_current=False)
    # Not `broker=`: CELERY_BROKER_URL (the test services') would override it.
    url = f"redis+socket://{data_dir / 'redis' / 'redis.sock'}"
    app.conf.broker_read_url = app.conf.broker_write_url = url
    try:
        replies = app.control.ping(timeout=1.0)
    except Exception:  # the broker itself may be restarting
        return []
    finally:
        app.close()
    return [name for reply in replies for name in reply]


class Poller(threading.Thread):
    """Asks the API for the catalog every 0.2 s until stopped, recording each outcome."""

    def __init__(self, server: Server) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.outcomes: list[str] = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            try:
                body = self.server.graphql(PRODUCTS)
                data = body.get("data")
                ok = isinstance(data, dict) and "errors" not in body
                self.outcomes.append("ok" if ok else f"errors: {body.get('errors')}")
            except Exception as exc:
                self.outcomes.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.2)


def test_it_restarts_a_killed_celery_worker_within_10_s_while_the_api_keeps_answering(
    serving: Server,
) -> None:
    # given a running marketplace whose worker answers
    wait_for("a worker answers", lambda: bool(ping_workers(serving.data_dir)), 30)
    old_worker = child_pid(serving, "celery", "worker")
    poller = Poller(serving)
    poller.start()
    try:
        # when the worker is killed outright
        os.kill(old_worker, signal.SIGKILL)
        status_while_dead, body_while_dead = health(serving)
        # then a new worker answers a ping within 10 s
        took = wait_for("a new worker answers", lambda: bool(ping_workers(serving.data_dir)), 15)
    finally:
        poller.halt.set()
        poller.join(timeout=30)
    assert took < 10, f"the new worker answered after {took:.1f} s"
    assert child_pid(serving, "celery", "worker") != old_worker
    # and /healthz named the dead worker while the site stayed up (200, degraded)
    assert status_while_dead == 200
    assert body_while_dead["status"] == "degraded"
    assert check_status(body_while_dead, "worker") == "down"
    assert check_status(body_while_dead, "database") == "ok"
    # and the API answered every request meanwhile
    assert len(poller.outcomes) >= 5
    assert set(poller.outcomes) == {"ok"}, poller.outcomes
    assert "worker was killed by SIGKILL" in serving.output()
    wait_for(
        "/healthz sees the worker", lambda: check_status(health(serving)[1], "worker") == "ok", 10
    )


def test_it_restarts_a_killed_embedded_redis_and_healthz_recovers(serving: Server) -> None:
    # given the embedded Redis of a running marketplace
    pid_file = serving.data_dir / "redis" / "redis.pid"
    old_redis = int(pid_file.read_text())
    # when it is killed outright
    os.kill(old_redis, signal.SIGKILL)
    # then it is started again, and /healthz says every required part is ok again
    wait_for("the broker is back", lambda: health(serving)[0] == 200, 30)
    assert int(pid_file.read_text()) != old_redis
    assert "redis died after" in serving.output()
    status, body = health(serving)
    assert status == 200
    assert check_status(body, "broker") == "ok"
    # and the worker reconnects to it
    wait_for("the worker answers again", lambda: bool(ping_workers(serving.data_dir)), 30)


def postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "pg" / "postmaster.pid").read_text().split("\n", 1)[0])


def ocop_db(data_dir: Path, action: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ops.cli", "db", action],
        cwd=ROOT,
        env=serve_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_it_restarts_a_killed_postgres_but_leaves_one_stopped_with_ocop_db_stop(
    serving: Server,
) -> None:
    # given the embedded PostgreSQL of a running marketplace
    old_postmaster = postmaster_pid(serving.data_dir)
    # when its postmaster is killed outright
    os.kill(old_postmaster, signal.SIGKILL)
    # then it is started again and /healthz is 200 again
    wait_for("the database is back", lambda: health(serving)[0] == 200, 60)
    assert postmaster_pid(serving.data_dir) != old_postmaster
    assert "postgres died after" in serving.output()

    # when the operator stops it on purpose
    ocop_db(serving.data_dir, "stop")
    time.sleep(3)  # several first-backoff periods: a supervisor fighting it would have won
    status, body = health(serving)
    # then it stays stopped, and /healthz says so with 503
    assert status == 503
    assert body["status"] == "down"
    assert check_status(body, "database") == "down"
    assert "postgres was stopped on purpose; leaving it stopped" in serving.output()

    # when the operator starts it again
    ocop_db(serving.data_dir, "start")
    # then the marketplace is healthy again
    wait_for("the database is back", lambda: health(serving)[0] == 200, 30)


INTERNAL = re.compile(
    r"/tmp|\.sock|\.s\.PGSQL|redis\.pid|\d+\.\d+\.\d+\.\d+|localhost|:\d{2,5}\b"
    r"|Error|Exception|refused|No such|database \"|ocop\b"
)


def test_it_shows_no_internal_detail_in_the_public_healthz(serving: Server) -> None:
    # given a running marketplace whose database is stopped, then running
    ocop_db(serving.data_dir, "stop")
    try:
        down_status, down = health(serving)
    finally:
        ocop_db(serving.data_dir, "start")
    wait_for("the database is back", lambda: health(serving)[0] == 200, 30)
    # (one answer per web worker and then some: every worker's pool has reconnected)
    ups = [health(serving) for _ in range(6)]
    up = ups[-1][1]
    # then each body says the state of each part and nothing about how it failed
    assert down_status == 503
    assert [status for status, _ in ups] == [200] * 6
    for body in (down, up):
        text = json.dumps(body)
        assert INTERNAL.search(text) is None, text
        assert str(serving.data_dir) not in text
        checks = body["checks"]
        assert isinstance(checks, dict)
        # (the outbox lives in the database: it is only counted while that answers)
        outbox = set() if body is down else {"outbox"}
        assert set(checks) == {"database", "broker", "worker", "search", "storage", "jobs"} | outbox
        for check in checks.values():
            assert set(check) <= {"status", "required", "latency_ms", "extra"}
    assert check_status(down, "database") == "down"
    assert isinstance(down["requestId"], str)
    assert len(down["requestId"]) == 32


def test_it_runs_the_outbox_relay_which_outlived_the_outages_above(serving: Server) -> None:
    # given the marketplace after its worker, Redis and PostgreSQL were killed or stopped
    # then the outbox relay runs as a child of `ocop serve` and never had to be restarted
    assert child_pid(serving, "ops.cli", "relay") > 0
    restarts = [line for line in serving.output().splitlines() if line.startswith("[ocop] relay")]
    assert restarts == []
