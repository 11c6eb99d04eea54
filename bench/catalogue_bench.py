"""Catalogue benchmark: listing, counting and searching at 1,000 / 10,000 / 100,000 products.

    .venv/bin/python -m bench.catalogue_bench [--sizes 1000,10000,100000] [--repeat 40]
        [--elasticsearch]

In a scratch database (dropped at the end) with the demo catalogue, grown size by size
to each of `--sizes` products (the generator of `bench.pages_bench.grow_catalogue`, which
also fills the listing record), a copy of the database is kept at each size
(`CREATE DATABASE … TEMPLATE`). Each size is then measured by its own process (its own
connection and caches), through Django's test client as the other benches do (the server's
own cost, without network), and the sizes take turns: every round runs each operation once
at each size, the first size rotating from round to round. So a size is never measured
minutes after another, and a slower or faster spell of the machine falls on all sizes
alike: the ratio largest ÷ smallest compares figures of the same minutes.

- `list`: `products(first: 24)` with `totalCount`, prices, stars;
- `list+2 filters`: the same with `filter: {stars: {gte: 4}, provinces: [...]}`, by price;
- `search+facets`: `searchProducts(query: "mat ong", first: 24)` with `totalCount` and
  the six facets (a two-word search);
- `product`: `product(slug:)` with its variants, prices, certificate and seller.

and reports per size p50/p95 server time and SQL statements per request (and the p50 of
the unfiltered count: the kept count `totalCount` reads beside a `COUNT(*)`), then for each
operation the ratio p50 at the largest size ÷ p50 at the smallest (bar ≤ 1.5×), and the
issue's absolute bars at 100,000 (list with count ≤ 40 ms, PostgreSQL search ≤ 80 ms).
Search runs on PostgreSQL unless `--elasticsearch` (indices of this run, deleted at the
end). Writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import multiprocessing
import os
import statistics
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.pages_bench import (
    _drop_indices,
    _reindex,
    _setup_django,
    grow_catalogue,
)
from bench.scratch import with_bench_database
from bench.stats import percentile

RESULTS = Path(__file__).resolve().parent / "results"
RATIO_BAR = 1.5
LIST_BAR_MS = 40.0  # at 100,000 products
SEARCH_BAR_MS = 80.0  # PostgreSQL, at 100,000 products

CARD = """name slug pricing { priceRange { start { gross { amount currency } } } }
  ocopCertificate { stars }"""
LIST = f"""query($filter: ProductFilterInput, $sortBy: ProductOrder) {{
  products(first: 24, channel: "default-channel", filter: $filter, sortBy: $sortBy) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {CARD} }} }} }} }}"""
SEARCH = """query($query: String) {
  searchProducts(query: $query, first: 24, channel: "default-channel") {
    totalCount results { edges { node { name slug } } }
    facets { categories { value count } provinces { value count } stars { value count }
      priceRanges { gte lte count } sellerKinds { value count } inStock { value count } } } }"""
PRODUCT = """query($slug: String!) { product(slug: $slug, channel: "default-channel") {
  name slug description rating category { name } originProvince { name }
  pricing { priceRange { start { gross { amount currency } } } }
  variants { id name quantityAvailable pricing { price { gross { amount } } } }
  ocopCertificate { stars decisionNumber validUntil status }
  seller { name slug province { name } } } }"""


def _operations(slug: str, province: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("list", LIST, {}),
        (
            "list+2 filters",
            LIST,
            {
                "filter": {"stars": {"gte": 4}, "provinces": [province]},
                "sortBy": {"field": "PRICE", "direction": "ASC"},
            },
        ),
        ("search+facets", SEARCH, {"query": "mat ong"}),
        ("product", PRODUCT, {"slug": slug}),
    ]


def _post(client: Client, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = client.post(
        "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
    )
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"request failed: {response.status_code} {body.get('errors')}")
    return dict(body["data"])


class SizeRunner:
    """The operations at one catalogue size, in this process: `round()` runs each once."""

    def __init__(self) -> None:
        # Imports models: only once django.setup() has run.
        from catalog.listed import listed_now
        from catalog.models import Channel, Product

        self.channel = Channel.objects.get(slug="default-channel")
        sample = listed_now(self.channel).select_related("product", "province")
        first = sample.filter(province__isnull=False).order_by("product_id").first()
        assert first is not None and first.province is not None
        self.operations = _operations(first.product.slug, first.province.code)
        self.client = Client()
        self.products = Product.objects.count()
        self.listed = listed_now(self.channel).count()

    def round(self) -> dict[str, tuple[float, int, Any]]:
        """Each operation once: name → (ms, SQL statements, totalCount)."""
        found: dict[str, tuple[float, int, Any]] = {}
        for name, query, variables in self.operations:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                data = _post(self.client, query, variables)
                elapsed = (time.perf_counter() - started) * 1000
            root = next(iter(data.values()))
            total = root.get("totalCount") if isinstance(root, dict) else None
            found[name] = (elapsed, len(captured.captured_queries), total)
        return found


def _worker(
    pipe: Connection, database: str, index_prefix: str, elasticsearch: bool, broker: str | None
) -> None:
    """A size's process: Django on that size's copy of the database (and its indices),
    answering the driver's commands on `pipe` ("round", "freeze", "counts", "stop").
    `broker`: the driver's CELERY_BROKER_URL before `_setup_django` replaced it (the
    settings check it, and this process inherits the replacement)."""
    if broker is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = broker
    _setup_django(elasticsearch)
    settings.ELASTICSEARCH_INDEX_PREFIX = index_prefix
    connection.settings_dict["NAME"] = database
    runner = SizeRunner()
    pipe.send({"products": runner.products, "listed": runner.listed})
    while (command := pipe.recv()) != "stop":
        if command == "round":
            pipe.send(runner.round())
        elif command == "freeze":
            # As a server process does once loaded (marketplace.asgi): objects alive now
            # are never scanned by the collections that run during the requests.
            from marketplace.warm import warm_and_freeze

            warm_and_freeze()
            pipe.send(None)
        elif command == "counts":
            pipe.send(measure_counts(runner.channel, 20))
    connection.close()


def measure_interleaved(
    sizes: list[tuple[int, str, str]],
    elasticsearch: bool,
    repeat: int,
    warmup: int,
    broker: str | None,
) -> list[dict[str, Any]]:
    """Every size (size, database, index prefix) in its own process (`_worker`), the
    sizes taking turns round by round (the first rotating); per size and operation the
    p50/p95 of its rounds after `warmup`, its SQL statements and totalCount, and the
    unfiltered count's figures (`measure_counts`)."""
    context = multiprocessing.get_context("spawn")
    pipes, processes, results = [], [], []
    try:
        for size, database, prefix in sizes:
            mine, theirs = context.Pipe()
            process = context.Process(
                target=_worker,
                args=(theirs, database, prefix, elasticsearch, broker),
                daemon=True,
            )
            process.start()
            pipes.append(mine)
            processes.append(process)
            results.append({"size": size, **mine.recv()})
        timings: list[dict[str, list[float]]] = [{} for _ in sizes]
        last: list[dict[str, tuple[float, int, Any]]] = [{} for _ in sizes]
        for round_ in range(warmup + repeat):
            if round_ == warmup:
                for pipe in pipes:
                    pipe.send("freeze")
                    pipe.recv()
            for offset in range(len(sizes)):
                at = (round_ + offset) % len(sizes)
                pipes[at].send("round")
                last[at] = pipes[at].recv()
                if round_ >= warmup:
                    for name, (elapsed, _sql, _total) in last[at].items():
                        timings[at].setdefault(name, []).append(elapsed)
        for at, pipe in enumerate(pipes):
            pipe.send("counts")
            results[at]["count_ms"] = pipe.recv()
            results[at]["operations"] = {
                name: {
                    "p50_ms": round(statistics.median(values), 1),
                    "p95_ms": round(percentile(values, 0.95), 1),
                    "sql": last[at][name][1],
                    "total_count": last[at][name][2],
                }
                for name, values in timings[at].items()
            }
    finally:
        for pipe in pipes:
            with contextlib.suppress(OSError):
                pipe.send("stop")
        for process in processes:
            process.join(timeout=30)
    return results


def _drop_database(name: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def measure_counts(channel: Any, repeat: int) -> dict[str, float]:
    """p50 of the channel's kept count (`catalog.listed_count`, what the unfiltered
    `totalCount` reads) beside the `COUNT(*)` of the record it replaces."""
    # Imports models: only once this script has run django.setup().
    from catalog.listed import listed_now
    from catalog.listed_count import listed_count

    found: dict[str, float] = {}
    for name, count in (
        ("kept", lambda: listed_count(channel)),
        ("COUNT(*)", lambda: listed_now(channel).count()),
    ):
        times = []
        for _ in range(max(repeat, 5)):
            started = time.perf_counter()
            count()
            times.append((time.perf_counter() - started) * 1000)
        found[name] = round(statistics.median(times), 2)
    return found


def _mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_table(backend: str, results: list[dict[str, Any]]) -> list[str]:
    lines = [f"search on {backend}", ""]
    names = list(results[0]["operations"])
    head = "| operation | " + " | ".join(f"{r['products']:,} p50 / p95 ms (SQL)" for r in results)
    lines.append(head + " | p50 ratio largest ÷ smallest |")
    lines.append("|---" * (len(results) + 2) + "|")
    for name in names:
        cells = [
            f"{r['operations'][name]['p50_ms']} / {r['operations'][name]['p95_ms']} "
            f"({r['operations'][name]['sql']})"
            for r in results
        ]
        small, large = results[0]["operations"][name], results[-1]["operations"][name]
        ratio = large["p50_ms"] / small["p50_ms"] if small["p50_ms"] else 0.0
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f}× {_mark(ratio <= RATIO_BAR)} |"
        )
    lines.append("")
    lines.append(
        "unfiltered count, p50 ms (kept count / COUNT(*) of the record): "
        + ", ".join(
            f"{r['products']:,}: {r['count_ms']['kept']} / {r['count_ms']['COUNT(*)']}"
            for r in results
        )
    )
    largest = results[-1]
    if largest["products"] >= 100_000:
        ops = largest["operations"]
        lines.append("")
        lines.append(
            f"at {largest['products']:,}: list with count p50 {ops['list']['p50_ms']} ms "
            f"(bar ≤ {LIST_BAR_MS}) {_mark(ops['list']['p50_ms'] <= LIST_BAR_MS)}"
        )
        if backend == "PostgreSQL":
            search = ops["search+facets"]["p50_ms"]
            lines.append(
                f"at {largest['products']:,}: search p50 {search} ms (bar ≤ {SEARCH_BAR_MS}) "
                f"{_mark(search <= SEARCH_BAR_MS)}"
            )
    for line in lines:
        print(line)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="catalogue sizes")
    parser.add_argument("--repeat", type=int, default=40, help="measured rounds per size")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured rounds first")
    parser.add_argument("--elasticsearch", action="store_true", help="search on Elasticsearch")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON goes")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    broker = os.environ.get("CELERY_BROKER_URL")  # before _setup_django replaces it
    backend = _setup_django(args.elasticsearch)

    base_prefix = settings.ELASTICSEARCH_INDEX_PREFIX
    copies: list[tuple[int, str, str]] = []

    def run() -> list[dict[str, Any]]:
        # Imports models: only once this script has run django.setup().
        from demo.loader import load_demo

        load_demo(progress=lambda message: None)
        for size in sizes:
            started = time.perf_counter()
            added = grow_catalogue(size, seed=size, tag=f"{size}x")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            # Each size searches its own indices (Elasticsearch) and its own copy of the
            # database, both kept until the end; recorded before they are made, so what a
            # failure half-way leaves is dropped too.
            prefix = f"{base_prefix}-{size}"
            clone = connection.creation.get_test_db_clone_settings(str(size))["NAME"]
            copies.append((size, clone, prefix))
            settings.ELASTICSEARCH_INDEX_PREFIX = prefix
            _reindex(backend)
            # Django's clone of a test database: CREATE DATABASE … TEMPLATE, once the
            # connection and its pool are closed (PostgreSQL copies an unused database).
            connection.creation.clone_test_db(suffix=str(size), verbosity=0)
            print(
                f"[bench] {size:,} products ({added:,} generated, "
                f"{time.perf_counter() - started:.0f} s)",
                flush=True,
            )
        print(f"[bench] measuring {len(sizes)} sizes, interleaved ...", flush=True)
        return measure_interleaved(copies, args.elasticsearch, args.repeat, args.warmup, broker)

    print(f"[bench] search on {backend}; scratch database, demo catalogue ...", flush=True)
    try:
        results = with_bench_database("catalogue_bench", run)
    finally:
        for _size, database, prefix in copies:
            _drop_database(database)
            settings.ELASTICSEARCH_INDEX_PREFIX = prefix
            _drop_indices(backend)
    lines = print_table(backend, results)
    report = {
        "benchmark": "catalogue",
        "search_backend": backend,
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": {"python": sys.version.split()[0], "cpus": os.cpu_count()},
        "repeat": args.repeat,
        "results": results,
        "table": lines,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = args.results / f"catalogue-{backend.lower()}-{stamp}.json"
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n[bench] wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
