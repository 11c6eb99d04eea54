"""Working-area page benchmark: the seller centre's orders inbox and the officer console's
programme dashboard, at the demo catalogue grown to 1,000 producers and 10,000 orders.

    .venv/bin/python -m bench.console_bench [--producers 1000] [--orders 10000] [--repeat 20]

In a scratch database (`<name>_console_bench` beside DATABASE_URL's, created and dropped
here) with the demo catalogue loaded, it adds `--producers` producers of the four legal
types across the 34 provinces (each with two products, prices, and certificates in every
state the dashboard tells apart: valid, expiring, expired, revoked, scored ≥ 90) and
`--orders` orders of one to three lines over the last 13 months in every status, a tenth
of them of the demo's `seller1@ocop.test` stall (so its inbox is a big one), all written with
`bulk_create`. Then it requests, through Django's test client as `bench.pages_bench` does
(the server's own cost, without network):

- the orders inbox `/kenh-nguoi-ban/don-hang/` (tabs "new" and "delivered") of the big
  stall and of a generated stall with a handful of orders (bar: the same SQL count);
- the programme dashboard `/can-bo/so-lieu/` as the demo's Điện Biên officer, as a
  superuser (national) and as a superuser filtering one province, and the national CSV.

Prints p50/p95 server time, requests/s, SQL queries per request and bytes (HTML raw and
gzip), and writes JSON to bench/results/; exits non-zero only on an error (a failed
request), never on a miss.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client

from bench.console_data import generate
from bench.pages_bench import GZIP_LEVEL, _setup_django, _timed
from bench.scratch import with_bench_database
from bench.stats import percentile

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Target:
    name: str
    path: str
    client: Client
    ms: list[float] = field(default_factory=list)
    sql: int = 0
    body: bytes = b""


# --- Measuring -------------------------------------------------------------------------------


def _signed_in(email: str) -> Client:
    # Imports models: only once this script has run django.setup().
    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def targets(made: dict[str, Any]) -> list[Target]:
    big_owner = _signed_in("seller1@ocop.test")
    small_owner = Client()
    small_owner.force_login(made["small_owner"])
    officer = _signed_in("officer@ocop.test")
    admin = _signed_in("admin@ocop.test")
    inbox = "/kenh-nguoi-ban/don-hang/"
    dashboard = "/can-bo/so-lieu/"
    province = made["small"].province
    return [
        Target(f"inbox, {made['big_orders']:,} orders: new", inbox, big_owner),
        Target(
            f"inbox, {made['big_orders']:,} orders: delivered", inbox + "?tab=delivered", big_owner
        ),
        Target(f"inbox, {made['small_orders']:,} orders: new", inbox, small_owner),
        Target("dashboard, officer (Điện Biên)", dashboard, officer),
        Target("dashboard, national", dashboard, admin),
        Target(
            f"dashboard, national ?tinh={province.code}", f"{dashboard}?tinh={province.code}", admin
        ),
        Target("dashboard CSV, national", dashboard + "so-lieu.csv", admin),
    ]


def measure(found: list[Target], repeat: int, warmup: int) -> None:
    for round_ in range(warmup + repeat):
        for target in found:

            def get(target: Target = target) -> Any:
                return target.client.get(target.path)

            response, ms, sql = _timed(get)
            if response.status_code != 200:
                raise RuntimeError(f"GET {target.path} answered {response.status_code}")
            if round_ >= warmup:
                target.ms.append(ms)
                target.sql = max(target.sql, sql)
                target.body = response.content


def row(target: Target) -> dict[str, Any]:
    return {
        "page": target.name,
        "path": target.path,
        "p50_ms": round(statistics.median(target.ms), 2),
        "p95_ms": round(percentile(target.ms, 0.95), 2),
        "rps": round(1000 / statistics.mean(target.ms), 1),
        "sql_queries": target.sql,
        "bytes_raw": len(target.body),
        "bytes_gzip": len(gzip.compress(target.body, compresslevel=GZIP_LEVEL, mtime=0)),
    }


def print_report(rows: list[dict[str, Any]], counts: dict[str, int], repeat: int) -> None:
    print(
        f"\n== {counts['producers']:,} producers, {counts['orders']:,} orders "
        f"({counts['lines']:,} lines), {repeat} rounds =="
    )
    print(f"{'page':<40}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>7}{'SQL':>5}{'KB':>8}{'gz KB':>7}")
    for r in rows:
        print(
            f"{r['page']:<40}{r['p50_ms']:>8}{r['p95_ms']:>8}{r['rps']:>7}{r['sql_queries']:>5}"
            f"{r['bytes_raw'] / 1024:>8.1f}{r['bytes_gzip'] / 1024:>7.1f}"
        )
    inbox = [
        r["sql_queries"] for r in rows if r["page"].startswith("inbox") and ": new" in r["page"]
    ]
    mark = "PASS" if len(set(inbox)) == 1 else "MISS"
    print(f"SQL of the inbox, big stall vs small stall (bar: the same count): {inbox}  {mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--producers", type=int, default=1000, help="producers to add")
    parser.add_argument("--orders", type=int, default=10_000, help="orders to add")
    parser.add_argument("--repeat", type=int, default=20, help="measured rounds")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured rounds first")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON goes")
    args = parser.parse_args(argv)
    _setup_django(elasticsearch=False)

    def run() -> tuple[list[dict[str, Any]], dict[str, int]]:
        # Imports models: only once this script has run django.setup().
        from demo.loader import load_demo
        from sellers.models import Seller

        load_demo(progress=lambda message: None)
        started = time.perf_counter()
        made = generate(args.producers, args.orders)
        print(
            f"[bench] generated {args.producers:,} producers and {args.orders:,} orders in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        found = targets(made)
        measure(found, args.repeat, args.warmup)
        counts = {
            "producers": Seller.objects.count(),
            "orders": args.orders,
            "lines": made["lines"],
        }
        rows = [row(t) for t in found]
        print_report(rows, counts, args.repeat)
        return rows, counts

    print("[bench] creating a scratch database and loading the demo catalog ...", flush=True)
    rows, counts = with_bench_database("console_bench", run)
    report = {
        "benchmark": "console_pages",
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": {"python": sys.version.split()[0], "cpus": os.cpu_count()},
        "repeat": args.repeat,
        "counts": counts,
        "results": rows,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = args.results / f"console-{stamp}.json"
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n[bench] wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
