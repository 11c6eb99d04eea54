"""`ocop serve` end to end, on the embedded default (no service URLs in the environment)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from marketplace.demo import content

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


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in SERVICE_VARS and not k.startswith(("AWS_", "STRIPE_", "DJANGO_"))
        }
        env["OCOP_DATA_DIR"] = str(data_dir)
        self.log_path = data_dir / f"serve-{self.port}.log"
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "marketplace.cli", "serve", "--port", str(self.port)],
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
