"""GraphQL read-path benchmark: latency percentiles and SQL queries per request.

Runs the storefront's main queries against the demo catalog in a scratch database
(`test_<name>` of DATABASE_URL, created and dropped here) through Django's test client,
so the figures are the API's own cost without network or server overhead. The ratio
column compares each list query at `first: 100` with the same query at `first: 1`:
the SQL query count must not grow with the page size.

    .venv/bin/python -m bench.graphql_bench [--repeat 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import warnings
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

from bench.stats import percentile

PRODUCTS = """query($first: Int!) { products(first: $first, channel: "default-channel") {
  totalCount edges { node { id name slug thumbnail(size: 256) { url } category { name }
  seller { name slug } originProvince { name } ocopCertificate { stars validUntil }
  pricing { priceRange { start { gross { amount currency } } } } } } } }"""
SEARCH = """query($first: Int!) { products(first: $first, channel: "default-channel",
  search: "mat ong") { totalCount edges { node { name } } } }"""
SELLERS = """query($first: Int!) { sellers(first: $first) { edges { node { name slug
  province { name } } } } }"""
LIVESTREAMS = """query($first: Int!) { livestreams(first: $first) { edges { node { id title
  status startsAt } } } }"""
OPERATIONS = {
    "products": PRODUCTS,
    "products(search)": SEARCH,
    "sellers": SELLERS,
    "livestreams": LIVESTREAMS,
}


def measure(client: Any, query: str, first: int, repeat: int) -> dict[str, float]:
    timings, counts = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post(
                "/graphql/",
                {"query": query, "variables": {"first": first}},
                content_type="application/json",
            )
            timings.append((time.perf_counter() - started) * 1000)
        body = response.json()
        if "errors" in body:
            raise RuntimeError(f"query failed: {body['errors']}")
        counts.append(len(captured.captured_queries))
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "p99_ms": round(percentile(timings, 0.99), 2),
        "rps": round(1000 / statistics.mean(timings), 1),
        "sql_queries": max(counts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    warnings.filterwarnings("ignore", message="No directory at")  # no collected static files
    django.setup()
    # Imports models: only once this script has run django.setup().
    from demo.loader import load_demo

    settings.ELASTICSEARCH_URL = ""  # the read path on PostgreSQL alone; search_bench covers ES
    setup_test_environment()
    print("[bench] creating a scratch database and loading the demo catalog ...", flush=True)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        load_demo(progress=lambda message: None)
        client = Client()
        rows: list[dict[str, Any]] = []
        for name, query in OPERATIONS.items():
            small = measure(client, query, 1, args.repeat)
            large = measure(client, query, 100, args.repeat)
            rows.append(
                {
                    "operation": name,
                    "first_1": small,
                    "first_100": large,
                    "sql_ratio_100_vs_1": round(large["sql_queries"] / small["sql_queries"], 2),
                }
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    columns = ("p50 ms", "p95 ms", "p99 ms")
    print(
        f"{'operation':<18} {'first':>5} "
        + " ".join(f"{c:>8}" for c in columns)
        + f" {'req/s':>7} {'SQL':>4}"
    )
    for row in rows:
        for first in (1, 100):
            r = row[f"first_{first}"]
            print(
                f"{row['operation']:<18} {first:>5} {r['p50_ms']:>8} {r['p95_ms']:>8} "
                f"{r['p99_ms']:>8} {r['rps']:>7} {r['sql_queries']:>4}"
            )
        print(f"{'':<18} SQL queries at first:100 / first:1 = {row['sql_ratio_100_vs_1']}")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    target = out / f"graphql-{time.strftime('%Y%m%dT%H%M%S')}.json"
    target.write_text(json.dumps(rows, indent=2))
    print(f"[bench] wrote {target}")


if __name__ == "__main__":
    main()
