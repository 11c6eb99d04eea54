"""Live-session benchmark (issue 13): N viewers on the ASGI server, and a flash-sale rush.

    .venv/bin/python -m bench.live_bench [--viewers 1000] [--workers 8] [--buyers 1000]

Creates a throw-away database next to DATABASE_URL's (`<name>_live_bench`, migrated, dropped
at the end) and starts the server as `ocop serve` runs it (gunicorn, 2 uvicorn workers,
`marketplace.asgi`) on it, with its own event prefix on REDIS_URL's Redis. Then:

1. viewers: N event streams (`/live/<slug>/su-kien/`) from one asyncio client process, all
   connected and idle; memory per idle connection = the server workers' RSS growth / N;
   CPU while idle = the server's CPU time over 10 s of idling;
2. pins: the host pins an offer (the row changes and `announce_state(..., "offer.pinned")`
   in one transaction, as the host console does), 10 times; from just before each
   transaction to each viewer's receipt: p50/p95/p99 over all (viewer, event) pairs;
3. sales: a buyer's live-offer claim commits (`livestream.claims`, as checkout completion
   does), 10 times; same latency figures;
4. flash-sale rush, viewers still connected: B ready checkouts (a fifth of the buyers with a
   second tab) complete at once from W processes (`complete_checkout`, which claims the live
   offer) for a 100-unit flash offer, 1 per buyer: exactly 100 must be sold and no buyer may
   hold two; latency of each purchase, purchases/s; then the plain checkout bench's hot
   scenario (`bench.checkout_bench`, B checkouts, same W) in the same run, and the ratio.

Prints a table and writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import multiprocessing as mp
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import psutil
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from bench.checkout_bench import (
    _complete_worker,
    _prepare,
    _run,
    _setup_django,
    bench_completions,
)
from bench.scratch import with_bench_database
from bench.stats import percentile

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
PORT = 18600 + os.getpid() % 300


# --- The viewers (a child process: one asyncio loop, N raw HTTP connections) --------------


async def _viewer(url: str, got: dict[int, list[float]], ready: list[float]) -> None:
    host, port, path = url.split("|")
    reader, writer = await asyncio.open_connection(host, int(port), limit=2**20)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    await reader.readuntil(b"\r\n\r\n")  # the response head
    seen_snapshot = False
    while True:
        block = await reader.readuntil(b"\n\n")
        at = time.time()
        for line in block.split(b"\n"):
            # Chunked transfer: the size lines are hex digits, never "data: ".
            if line.startswith(b"data: "):
                event = json.loads(line[6:])
                if event["kind"] == "snapshot" and not seen_snapshot:
                    seen_snapshot = True
                    ready.append(time.monotonic())
                elif isinstance(event.get("id"), int) and event["kind"] != "snapshot":
                    got.setdefault(event["id"], []).append(at)


def _viewers_process(url: str, count: int, commands: Any, out: Any) -> None:
    async def main() -> None:
        got: dict[int, list[float]] = {}
        ready: list[float] = []
        begun = time.monotonic()
        tasks = []
        for i in range(count):
            tasks.append(asyncio.create_task(_viewer(url, got, ready)))
            if i % 50 == 49:
                await asyncio.sleep(0.05)  # a steady arrival, not a SYN flood
        loop = asyncio.get_running_loop()
        while True:
            command = await loop.run_in_executor(None, commands.get)
            if command == "ready":
                deadline = time.monotonic() + 120
                while len(ready) < count and time.monotonic() < deadline:
                    await asyncio.sleep(0.1)
                failed = [t for t in tasks if t.done()]
                reasons = sorted({repr(t.exception())[:120] for t in failed if not t.cancelled()})
                out.put(
                    {
                        "ready": len(ready),
                        "failed": len(failed),
                        "reasons": reasons,
                        "seconds": round(max(ready, default=begun) - begun, 2),
                    }
                )
            elif command == "report":
                out.put({str(k): v for k, v in got.items()})
            elif command == "stop":
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                out.put("stopped")
                return

    asyncio.run(main())


# --- The server ---------------------------------------------------------------------------


def _server(prefix: str) -> subprocess.Popen[bytes]:
    db = connection.settings_dict
    env = os.environ.copy()
    env["DATABASE_URL"] = (
        f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env["LIVE_EVENTS_PREFIX"] = prefix
    env["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL  # not the bench's in-memory one
    # fmt: off
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "marketplace.asgi:application",
            "--bind", f"127.0.0.1:{PORT}", "--workers", "2",
            "--worker-class", "uvicorn_worker.UvicornWorker", "--graceful-timeout", "2",
            "--log-level", "warning",
        ],
        cwd=ROOT, env=env,
    )
    # fmt: on
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=2).read()
            return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the ASGI server did not start") from None
            time.sleep(0.3)


def _server_processes(process: subprocess.Popen[bytes]) -> list[Any]:
    master = psutil.Process(process.pid)
    return [master, *master.children()]


def _rss(process: subprocess.Popen[bytes]) -> int:
    return sum(p.memory_info().rss for p in _server_processes(process))


def _cpu(process: subprocess.Popen[bytes]) -> float:
    return sum(sum(p.cpu_times()[:2]) for p in _server_processes(process))


# --- Data ---------------------------------------------------------------------------------


def _session_with_offers(variant_pks: list[int], cap: int, per_buyer: int) -> tuple[Any, list[Any]]:
    # Imports models: only once this script has run django.setup().
    from accounts.models import User
    from catalog.models import Channel, ProductVariant
    from livestream.models import LiveOffer, Livestream, LivestreamSeller

    channel = Channel.objects.get(slug="default-channel")
    host = User.objects.create_user(f"host-{uuid.uuid4().hex[:6]}@ocop.test", "x" * 12)
    now = timezone.now()
    session = Livestream.objects.create(
        host=host,
        title="Phiên bench",
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=2),
        stream_url="https://www.youtube.com/watch?v=bench",
        status="live",
    )
    offers = []
    for n, variant_pk in enumerate(variant_pks):
        variant = ProductVariant.objects.select_related("product").get(pk=variant_pk)
        LivestreamSeller.objects.get_or_create(
            livestream=session,
            seller_id=variant.product.seller_id,
            defaults={"agreed_at": now, "agreed_by": host},
        )
        offers.append(
            LiveOffer.objects.create(
                livestream=session,
                variant=variant,
                channel=channel,
                seller_id=variant.product.seller_id,
                live_price=99_000,
                quantity_cap=cap,
                per_buyer_limit=per_buyer,
                sort_order=n,
            )
        )
    return session, offers


def _last_id(session_id: int) -> int:
    # Imports models: only once this script has run django.setup().
    from livestream.events import client, key

    return int(client().get(key(session_id, "seq")) or 0)


def _pin(session_id: int, offer_id: int) -> None:
    # Imports models: only once this script has run django.setup().
    from livestream.events import announce_state
    from livestream.models import LiveOffer

    with transaction.atomic():
        LiveOffer.objects.filter(livestream_id=session_id, is_pinned=True).update(is_pinned=False)
        LiveOffer.objects.filter(pk=offer_id).update(is_pinned=True)
        announce_state(session_id, "offer.pinned")


def _sell(offer_id: int, buyer: str) -> None:
    # Imports models: only once this script has run django.setup().
    from livestream.claims import claim_offer_units

    with transaction.atomic():
        claim_offer_units(offer_id, buyer, 1)


def _latencies(sent: dict[int, float], got: dict[str, list[float]], viewers: int) -> dict[str, Any]:
    samples = [at - t0 for event_id, t0 in sent.items() for at in got.get(str(event_id), [])]
    expected = len(sent) * viewers
    return {
        "events": len(sent),
        "deliveries": len(samples),
        "expected_deliveries": expected,
        "latency_ms": {
            "p50": round(statistics.median(samples) * 1000, 1) if samples else None,
            "p95": round(percentile(samples, 0.95) * 1000, 1) if samples else None,
            "p99": round(percentile(samples, 0.99) * 1000, 1) if samples else None,
            "max": round(max(samples) * 1000, 1) if samples else None,
        },
    }


# --- The rush -----------------------------------------------------------------------------


def _rush(buyers: int, workers: int, cap: int) -> dict[str, Any]:
    # Imports models: only once this script has run django.setup().
    from catalog.models import Stock
    from checkout.models import Checkout
    from livestream.models import LiveOfferClaim
    from orders.models import Order

    tokens, variant_pks = _prepare(buyers, variants=1, sellers=1)
    # A fifth of the buyers open a second tab: the same e-mail on two checkouts.
    twins = buyers // 5
    for i in range(twins):
        Checkout.objects.filter(pk=tokens[buyers - twins + i]).update(email=f"bench{i}@ocop.test")
    # As many units in stock as on offer: every buyer competes for the same 100.
    Stock.objects.filter(variant_id=variant_pks[0]).update(quantity=cap)
    session, (offer,) = _session_with_offers(variant_pks, cap=cap, per_buyer=1)
    slices = [tokens[i::workers] for i in range(workers)]
    results = _run(_complete_worker, [(s,) for s in slices])
    latencies = [x for r in results for x in r["latencies"]]
    wall = max(r["ended"] for r in results) - min(r["started"] for r in results)
    offer.refresh_from_db()
    claims = LiveOfferClaim.objects.filter(offer=offer)
    per_buyer = list(claims.values_list("buyer_key", flat=True))
    placed = Order.objects.filter(lines__variant_id__in=variant_pks).distinct().count()
    expected = min(cap, buyers - twins)  # one unit per buyer at most
    assert offer.units_claimed == expected, f"{offer.units_claimed} units sold, not {expected}"
    assert len(per_buyer) == len(set(per_buyer)) == expected, "a buyer holds two units"
    assert placed == expected, f"{placed} orders for {expected} units"
    return {
        "session_id": session.pk,
        "attempts": buyers,
        "buyers": buyers - twins,
        "units": cap,
        "sold": offer.units_claimed,
        "orders_at_live_price": len(per_buyer),
        "orders_placed": placed,
        "max_units_per_buyer": 1 if per_buyer else 0,
        "wall_seconds": round(wall, 3),
        "attempts_per_s": round(buyers / wall, 1),
        "latency_ms": {
            "p50": round(statistics.median(latencies) * 1000, 1),
            "p95": round(percentile(latencies, 0.95) * 1000, 1),
            "p99": round(percentile(latencies, 0.99) * 1000, 1),
            "max": round(max(latencies) * 1000, 1),
        },
    }


# --- The run ------------------------------------------------------------------------------


def _measure(args: argparse.Namespace) -> dict[str, Any]:
    # Imports models: only once this script has run django.setup().
    from catalog.models import Stock

    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    settings.LIVE_EVENTS_PREFIX = prefix
    _, variant_pks = _prepare(2, variants=2, sellers=1)
    Stock.objects.filter(variant_id__in=variant_pks).update(quantity=10**6)
    session, offers = _session_with_offers(variant_pks, cap=10**5, per_buyer=10**5)
    server = _server(prefix)
    ctx = mp.get_context("fork")
    commands, out = ctx.Queue(), ctx.Queue()
    connection.close()
    viewers = ctx.Process(
        target=_viewers_process,
        args=(f"127.0.0.1|{PORT}|/live/{session.slug}/su-kien/", args.viewers, commands, out),
    )
    try:
        time.sleep(2)
        rss_before = _rss(server)
        viewers.start()
        commands.put("ready")
        ready = out.get(timeout=300)
        time.sleep(3)
        rss_after = _rss(server)
        cpu_before, idle_start = _cpu(server), time.monotonic()
        time.sleep(10)
        idle_cpu = (_cpu(server) - cpu_before) / (time.monotonic() - idle_start)
        pins: dict[int, float] = {}
        for n in range(10):
            t0 = time.time()
            _pin(session.pk, offers[n % 2].pk)
            pins[_last_id(session.pk)] = t0
            time.sleep(1.0)
        sales: dict[int, float] = {}
        for n in range(10):
            t0 = time.time()
            _sell(offers[0].pk, f"email:viewer{n}@ocop.test")
            sales[_last_id(session.pk)] = t0
            time.sleep(1.0)
        time.sleep(2)
        commands.put("report")
        got = out.get(timeout=120)
        rush = _rush(args.buyers, args.workers, cap=100)
        connection.close()
        plain = bench_completions("hot", args.workers, args.buyers, variants=1, sellers=1)
        commands.put("stop")
        out.get(timeout=60)
    finally:
        if viewers.is_alive():
            viewers.terminate()
        viewers.join(timeout=10)
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return {
        "viewers": {
            "connected": ready["ready"],
            "failed": ready["failed"],
            "failure_reasons": ready["reasons"],
            "asked": args.viewers,
            "connect_seconds": ready["seconds"],  # first asked to last snapshot received
            "memory_per_idle_connection_kb": round(
                (rss_after - rss_before) / max(ready["ready"], 1) / 1024, 1
            ),
            "server_rss_mb": {
                "before": round(rss_before / 2**20, 1),
                "after": round(rss_after / 2**20, 1),
            },
            "idle_cpu_percent_of_one_core": round(idle_cpu * 100, 2),
        },
        "pin": _latencies(pins, got, ready["ready"]),
        "sale": _latencies(sales, got, ready["ready"]),
        "rush": rush,
        "plain_checkout_hot": plain,
        "ratio_rush_purchases_to_plain": round(
            (rush["sold"] / rush["wall_seconds"]) / plain["throughput_per_s"], 4
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, default=1000, help="concurrent event streams")
    parser.add_argument("--workers", type=int, default=8, help="buyer processes in the rush")
    parser.add_argument("--buyers", type=int, default=1000, help="checkouts in the rush")
    args = parser.parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.viewers + 256)), hard))
    _setup_django()
    measured = with_bench_database("live_bench", lambda: _measure(args))
    report = {
        "benchmark": "live",
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        **measured,
    }
    v = measured["viewers"]
    print(
        f"viewers: {v['connected']}/{v['asked']} connected in {v['connect_seconds']} s; "
        f"{v['memory_per_idle_connection_kb']} KB per idle connection "
        f"(server {v['server_rss_mb']['before']} → {v['server_rss_mb']['after']} MB); "
        f"idle CPU {v['idle_cpu_percent_of_one_core']} % of a core"
    )
    for name in ("pin", "sale"):
        row = measured[name]
        lat = row["latency_ms"]
        print(
            f"{name:<5} to every viewer: {row['deliveries']}/{row['expected_deliveries']} "
            f"delivered, p50 {lat['p50']} ms, p95 {lat['p95']} ms, p99 {lat['p99']} ms, "
            f"max {lat['max']} ms"
        )
    rush, plain = measured["rush"], measured["plain_checkout_hot"]
    lat = rush["latency_ms"]
    print(
        f"rush: {rush['attempts']} checkouts ({rush['buyers']} buyers) for {rush['units']} units: "
        f"{rush['sold']} sold, at most {rush['max_units_per_buyer']} per buyer; "
        f"purchase p50 {lat['p50']} ms, p95 {lat['p95']} ms, p99 {lat['p99']} ms; "
        f"{rush['sold'] / rush['wall_seconds']:.1f} purchases/s "
        f"({rush['attempts_per_s']} attempts/s)"
    )
    print(
        f"plain checkout (hot, same run): {plain['throughput_per_s']} orders/s, "
        f"p95 {plain['latency_ms']['p95']} ms; "
        f"ratio rush purchases/s ÷ plain = {measured['ratio_rush_purchases_to_plain']:.2f}"
    )
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"live-{args.viewers}v-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {path.relative_to(RESULTS.parent.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
