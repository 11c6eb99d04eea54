"""Live sessions and their events over the real Redis (issue 13): a live offer to sell, a
listener on a session's channel, and an isolated key prefix per test."""

from __future__ import annotations

import datetime
import json
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import redis
from django.conf import settings

from livestream.events import client, key
from livestream.models import LiveOffer
from tests import factories


def isolate_prefix(settings_fixture: Any) -> str:
    """A fresh key/channel prefix: no test sees another's ids, logs or viewers."""
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    settings_fixture.LIVE_EVENTS_PREFIX = prefix
    return prefix


def live_offer(cap: int = 20, per_buyer: int = 2) -> LiveOffer:
    """A live session with one offer at 99.000 ₫ (regular 120.000 ₫)."""
    seller = factories.seller()
    product = factories.product(owner=seller, price=120_000, stock=500)
    session = factories.livestream(
        sellers=(seller,),
        status="live",
        starts_in=-datetime.timedelta(minutes=10),
        duration=datetime.timedelta(hours=1),
    )
    return factories.live_offer(session, product, live_price=99_000, cap=cap, per_buyer=per_buyer)


@contextmanager
def listening(livestream_id: int) -> Iterator[redis.client.PubSub]:
    pubsub = client().pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(key(livestream_id, "channel"))
    pubsub.get_message(timeout=1)  # the subscribe confirmation
    try:
        yield pubsub
    finally:
        pubsub.close()


def received(pubsub: redis.client.PubSub, wait: float = 0.5) -> list[dict[str, Any]]:
    """Every event published on the channel within `wait` seconds of quiet."""
    events = []
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        message = pubsub.get_message(timeout=0.1)
        if message and message["type"] == "message":
            events.append(json.loads(message["data"]))
            deadline = time.monotonic() + wait
    return events


def logged(livestream_id: int) -> list[dict[str, Any]]:
    return [json.loads(item) for item in client().lrange(key(livestream_id, "log"), 0, -1)]


def redis_url() -> str:
    return str(settings.LIVE_EVENTS_REDIS_URL)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def asgi_server(prefix: str) -> Iterator[str]:
    """The project's ASGI app under uvicorn in a subprocess, on the test database and this
    test's event prefix; yields its base URL."""
    import os
    import subprocess
    import sys
    import urllib.request

    from django.db import connections

    db = connections["default"].settings_dict
    env = os.environ.copy()
    env["DATABASE_URL"] = (
        f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env["LIVE_EVENTS_PREFIX"] = prefix
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    port = free_port()
    # fmt: off
    process = subprocess.Popen(
        [
            sys.executable, "-m", "uvicorn", "marketplace.asgi:application",
            "--host", "127.0.0.1", "--port", str(port), "--lifespan", "off",
            "--log-level", "warning", "--timeout-graceful-shutdown", "1",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    # fmt: on
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError("uvicorn exited")
            try:
                urllib.request.urlopen(f"{base}/robots.txt", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class SseReader:
    """A raw EventSource: reads `data:` events (JSON) off one streaming connection."""

    def __init__(self, url: str, last_event_id: int | None = None, timeout: float = 5) -> None:
        import http.client
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self.connection.request(
            "GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers
        )
        self.response = self.connection.getresponse()
        self.last_id: int | None = None

    def next(self) -> dict[str, Any]:
        """The next event (its `id:` line, when sent, kept in `last_id`)."""
        data: list[str] = []
        while True:
            line = self.response.readline().decode()
            if not line:
                raise EOFError("the stream ended")
            line = line.rstrip("\n")
            if line.startswith("id: "):
                self.last_id = int(line[4:])
            elif line.startswith("data: "):
                data.append(line[6:])
            elif line == "" and data:
                return dict(json.loads("\n".join(data)))

    def close(self) -> None:
        self.connection.close()
