"""Many buyers completing their checkouts at the same instant, one thread and connection each."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client

from tests.conftest import gql
from tests.helpers.checkout import CHECKOUT_COMPLETE


def complete_at_once(
    checkout_ids: list[str], watch: Callable[[], None] | None = None
) -> list[dict[str, Any]]:
    """Complete every checkout at once, one thread (and connection) each."""
    barrier = threading.Barrier(len(checkout_ids))
    results: list[dict[str, Any]] = [{} for _ in checkout_ids]
    stop = threading.Event()
    # Connecting is not the race under test: a hundred threads connecting at the same
    # instant on 2 cores once took a connection past its 5 s connect timeout.
    connecting = threading.Lock()

    def buyer(index: int) -> None:
        try:
            with connecting:
                connection.ensure_connection()
            barrier.wait(timeout=60)
            body = gql(Client(), CHECKOUT_COMPLETE, {"id": checkout_ids[index]})
            results[index] = body
        finally:
            connection.close()

    def watcher() -> None:
        try:
            while not stop.is_set():
                assert watch is not None
                watch()
                time.sleep(0.005)
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, args=(i,)) for i in range(len(checkout_ids))]
    monitor = threading.Thread(target=watcher) if watch else None
    if monitor:
        monitor.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    stop.set()
    if monitor:
        monitor.join(timeout=10)
    return results


def outcome_codes(results: list[dict[str, Any]]) -> Counter[str]:
    codes: Counter[str] = Counter()
    for body in results:
        assert "errors" not in body, body  # no top-level error (deadlock, crash…)
        payload = body["data"]["checkoutComplete"]
        if payload["order"] is not None:
            codes["ORDER"] += 1
        for error in payload["errors"]:
            codes[error["code"]] += 1
    return codes
