"""Timing GraphQL servers side by side: one kept-alive client per server and thread,
latency rounds interleaved between servers, throughput in alternating blocks, and the
arithmetic of the figures (nearest-rank percentiles, medians, ratios, rates).

Used by bench/saleor_side_by_side.py; nothing here knows the servers or the documents.
"""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bench.stats import percentile

# --- Statistics ----------------------------------------------------------------------------


def summary(timings_ms: list[float]) -> dict[str, float]:
    return {
        "n": len(timings_ms),
        "p50_ms": round(statistics.median(timings_ms), 1),
        "p95_ms": round(percentile(timings_ms, 0.95), 1),
        "mean_ms": round(statistics.mean(timings_ms), 1),
    }


def ratio(ours: float, theirs: float | None) -> float | None:
    """ours ÷ theirs, None when there is nothing to compare with (or it took no time)."""
    if theirs is None or theirs <= 0:
        return None
    return round(ours / theirs, 2)


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


# --- Client --------------------------------------------------------------------------------


class GraphQLError(RuntimeError):
    pass


@dataclass
class Server:
    """One GraphQL endpoint and what this run learnt about its catalogue."""

    name: str
    url: str
    address: dict[str, str]
    slugs: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    search_hits: int = 0
    # A search its own catalogue answers with a few hits (like for like, where one word
    # would find nothing in the other's catalogue), and how many it finds.
    own_search: str = ""
    own_search_hits: int = 0

    def connect(self) -> Connection:
        return Connection(self.url)


class Connection:
    """A kept-alive HTTP connection posting GraphQL (one per client thread)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.path = parts.path or "/"
        self.http: http.client.HTTPConnection | None = None

    def post(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables}).encode()
        headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
        for attempt in (1, 2):  # a server may close an idle kept-alive connection
            if self.http is None:
                self.http = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.http.request("POST", self.path, body, headers)
                response = self.http.getresponse()
                raw = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.http.close()
                self.http = None
                if attempt == 2:
                    raise
        if response.status != 200:
            raise GraphQLError(f"{self.path}: HTTP {response.status}: {raw[:300]!r}")
        answer: dict[str, Any] = json.loads(raw)
        if answer.get("errors"):
            raise GraphQLError(f"{self.path}: {answer['errors']}")
        return answer["data"]


Call = Callable[[Server, Connection, int], Any]  # one request (or flow), numbered

# --- Measuring -----------------------------------------------------------------------------


def interleaved(
    servers: list[Server],
    calls: dict[str, Call],
    requests: int,
    warmup: int,
) -> dict[str, dict[str, list[float]]]:
    """Latencies (ms) per operation and server: each round calls every operation on every
    server in turn, the server going first alternating, so load on this shared machine
    falls on both alike."""
    conns = {s.name: s.connect() for s in servers}
    timings: dict[str, dict[str, list[float]]] = {op: {s.name: [] for s in servers} for op in calls}
    for round_no in range(warmup + requests):
        order = servers if round_no % 2 == 0 else servers[::-1]
        for op, call in calls.items():
            for server in order:
                started = time.perf_counter()
                call(server, conns[server.name], round_no)
                ms = (time.perf_counter() - started) * 1000
                if round_no >= warmup:
                    timings[op][server.name].append(ms)
    return timings


def throughput(
    servers: list[Server],
    calls: dict[str, Call],
    requests: int,
    concurrency: int,
    warmup: int,
    offset: int = 0,
    blocks: int = 4,
) -> dict[str, dict[str, float]]:
    """Requests per second per operation and server with `concurrency` clients at once; the
    `requests` are sent in `blocks` alternating between the servers, after `warmup`
    unmeasured ones (every worker process warm, not only the one the latency client hit),
    the calls numbered from `offset` on."""
    per_block = max(1, requests // blocks)  # never more calls than asked for (units to sell)
    result: dict[str, dict[str, float]] = {}
    for op, call in calls.items():
        for server in servers:
            _concurrent_block(server, call, range(offset, offset + warmup), concurrency)
        done = {s.name: 0 for s in servers}
        spent = {s.name: 0.0 for s in servers}
        for block in range(blocks):
            for server in servers if block % 2 == 0 else servers[::-1]:
                start = offset + warmup + done[server.name]
                spent[server.name] += _concurrent_block(
                    server, call, range(start, start + per_block), concurrency
                )
                done[server.name] += per_block
        result[op] = {name: rate(done[name], spent[name]) for name in done}
    return result


def _concurrent_block(
    server: Server,
    call: Call,
    numbers: range,
    concurrency: int,
) -> float:
    """Seconds `concurrency` threads take to make the calls numbered `numbers` between them."""
    next_i = iter(numbers)
    lock = threading.Lock()
    failures: list[BaseException] = []

    def client() -> None:
        conn = server.connect()
        while True:
            with lock:
                i = next(next_i, None)
            if i is None:
                return
            try:
                call(server, conn, i)
            except BaseException as exc:  # reported by the caller's thread
                failures.append(exc)
                return

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return time.perf_counter() - started


# --- Report --------------------------------------------------------------------------------


def table(
    servers: list[Server],
    latencies: dict[str, dict[str, list[float]]],
    rates: dict[str, dict[str, float]],
) -> list[dict[str, Any]]:
    rows = []
    for op, by_server in latencies.items():
        row: dict[str, Any] = {"operation": op}
        for server in servers:
            row[server.name] = {**summary(by_server[server.name]), "rps": rates[op][server.name]}
        saleor = row.get("saleor")
        row["ratio_p50"] = ratio(row["ours"]["p50_ms"], saleor["p50_ms"] if saleor else None)
        rows.append(row)
    return rows
