"""Checkout-complete benchmark: throughput and latency under concurrency, against the
database's own ceiling.

    .venv/bin/python -m bench.checkout_bench [--workers 16] [--orders 600]

Creates a throw-away database next to DATABASE_URL's (`<name>_checkout_bench`, migrated,
dropped at the end), prepares ready checkouts (lines, address, delivery) in bulk, then
runs `complete_checkout` from W worker processes (each its own connection), all started
together:

- hot: every buyer buys the SAME variant (one stock row: the contention case);
- spread: buyers buy one of 32 variants of 8 sellers (little contention).

The ceiling is the raw single-row conditional-update rate of the same database, from the
same number of processes: `UPDATE catalog_stock SET quantity_allocated = quantity_allocated
+ 1 WHERE id = … AND quantity - quantity_allocated >= 1`, one autocommitted statement per
"sale" — the least work that can sell a unit without overselling. The ratio is the hot
throughput over that ceiling. Every run is checked: units allocated = orders placed.

Prints a table and writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import multiprocessing as mp
import os
import platform
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import django
from django.db import connection, connections
from django.utils import timezone

from bench.scratch import with_bench_database
from bench.stats import percentile

RESULTS = Path(__file__).resolve().parent / "results"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    django.setup()
    # The project's Celery app, configured from settings: only once django.setup() has run.
    from marketplace.celery import app

    logging.getLogger("stripe").setLevel(logging.WARNING)
    # Each completion still queues its notification task (serialized and published, as in
    # production), but to an in-memory broker: a benchmark must not flood a shared Redis
    # with thousands of e-mail tasks for a database it drops at the end.
    # (Celery reads CELERY_BROKER_URL from the environment before its own settings.)
    os.environ["CELERY_BROKER_URL"] = "memory://"
    app.conf.broker_url = "memory://"
    app.conf.result_backend = "cache+memory://"


# --- Data ------------------------------------------------------------------------------


def _prepare(orders: int, variants: int, sellers: int) -> tuple[list[str], list[int]]:
    """`orders` ready checkouts of 1 unit each over `variants` variants of `sellers` sellers;
    each variant has exactly enough stock. Returns checkout tokens and variant pks."""
    # Imports models: only once this script has run django.setup().
    from catalog.listed import refresh_listed
    from catalog.models import (
        CertificateStatus,
        Channel,
        OcopCertificate,
        Product,
        ProductChannelListing,
        ProductType,
        ProductVariant,
        ProductVariantChannelListing,
        Stock,
        Warehouse,
    )
    from checkout.addresses import check_address
    from checkout.models import (
        Address,
        Checkout,
        CheckoutDelivery,
        CheckoutLine,
        ShippingMethod,
    )
    from places.models import Province
    from sellers.models import Seller, SellerStatus

    channel = Channel.objects.get(slug="default-channel")
    province = Province.objects.get(code="11")
    kind, _ = ProductType.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    clean = check_address(
        {
            "first_name": "An",
            "street_address_1": "12 Trần Phú",
            "city": "Điện Biên Phủ",
            "country_area": "Điện Biên",
            "phone": "0912345678",
        }
    )
    tag = uuid.uuid4().hex[:6]
    variant_rows: list[tuple[int, int, int]] = []  # (variant pk, seller pk, method pk)
    per_variant = -(-orders // variants)
    for s in range(sellers):
        seller = Seller.objects.create(
            kind="HTX",
            legal_name=f"HTX Bench {tag} {s}",
            stall_name=f"HTX Bench {tag} {s}",
            slug=f"htx-bench-{tag}-{s}",
            province=province,
            status=SellerStatus.APPROVED,
        )
        warehouse = Warehouse.objects.create(seller=seller, name="Kho", province=province)
        method = ShippingMethod.objects.create(
            seller=seller, name="Tiêu chuẩn", price_amount=30_000, is_default=True
        )
        for v in range(variants // sellers):
            product = Product.objects.create(
                seller=seller,
                product_type=kind,
                name=f"Mật ong bench {s}-{v}",
                slug=f"mat-ong-bench-{tag}-{s}-{v}",
            )
            ProductChannelListing.objects.create(
                product=product, channel=channel, is_published=True
            )
            OcopCertificate.objects.create(
                product=product,
                decision_number=f"{tag}-{s}-{v}/QĐ-UBND",
                decision_date=timezone.localdate() - datetime.timedelta(days=100),
                issuer_level="province",
                issuer_name="UBND tỉnh Điện Biên",
                stars=4,
                status=CertificateStatus.VERIFIED,
            )
            variant = ProductVariant.objects.create(product=product, sku=f"B-{tag}-{s}-{v}")
            ProductVariantChannelListing.objects.create(
                variant=variant, channel=channel, price_amount=150_000
            )
            Stock.objects.create(warehouse=warehouse, variant=variant, quantity=per_variant)
            variant_rows.append((variant.pk, seller.pk, method.pk))
    refresh_listed(None)  # the listing record (rows written directly, not through do_*)
    addresses = Address.objects.bulk_create(
        [
            Address(
                **{k: v for k, v in clean.__dict__.items() if k not in ("province", "ward")},
                province=clean.province,
                ward=clean.ward,
            )
            for _ in range(orders)
        ]
    )
    checkouts = Checkout.objects.bulk_create(
        [
            Checkout(
                channel=channel,
                email=f"bench{i}@ocop.test",
                shipping_address=addresses[i],
                delivery_method_id=variant_rows[i % len(variant_rows)][2],
            )
            for i in range(orders)
        ]
    )
    CheckoutLine.objects.bulk_create(
        [
            CheckoutLine(checkout=c, variant_id=variant_rows[i % len(variant_rows)][0], quantity=1)
            for i, c in enumerate(checkouts)
        ]
    )
    CheckoutDelivery.objects.bulk_create(
        [
            CheckoutDelivery(
                checkout=c,
                seller_id=variant_rows[i % len(variant_rows)][1],
                shipping_method_id=variant_rows[i % len(variant_rows)][2],
            )
            for i, c in enumerate(checkouts)
        ]
    )
    return [str(c.pk) for c in checkouts], [row[0] for row in variant_rows]


# --- Workers -----------------------------------------------------------------------------


def _complete_worker(tokens: list[str], barrier: Any, out: Any) -> None:
    # Imports models: only once this script has run django.setup().
    from checkout.complete_checkout import complete_checkout
    from storefront_api.core.errors import ValidationErrors

    connection.ensure_connection()
    latencies: list[float] = []
    refused = 0
    barrier.wait()
    started = time.perf_counter()
    for token in tokens:
        t0 = time.perf_counter()
        try:
            complete_checkout(token, None)
        except ValidationErrors:
            refused += 1
        latencies.append(time.perf_counter() - t0)
    out.put(
        {
            "latencies": latencies,
            "refused": refused,
            "started": started,
            "ended": time.perf_counter(),
        }
    )
    connection.close()


def _update_worker(stock_pk: int, seconds: float, barrier: Any, out: Any) -> None:
    connection.ensure_connection()
    cursor = connection.cursor()
    sql = (
        "UPDATE catalog_stock SET quantity_allocated = quantity_allocated + 1 "
        "WHERE id = %s AND quantity - quantity_allocated >= 1"
    )
    done = 0
    barrier.wait()
    started = time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline:
        cursor.execute(sql, [stock_pk])
        done += cursor.rowcount
    out.put({"done": done, "started": started, "ended": time.perf_counter()})
    connection.close()


def _run(target: Any, args_per_worker: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    connections.close_all()  # children must not share the parent's socket
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(len(args_per_worker))
    out = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*a, barrier, out)) for a in args_per_worker]
    for p in procs:
        p.start()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return results


def bench_completions(
    name: str, workers: int, orders: int, variants: int, sellers: int
) -> dict[str, Any]:
    # Imports models: only once this script has run django.setup().
    from catalog.models import Stock
    from orders.models import Order

    tokens, variant_pks = _prepare(orders, variants, sellers)
    slices = [tokens[i::workers] for i in range(workers)]
    results = _run(_complete_worker, [(s,) for s in slices])
    latencies = [x for r in results for x in r["latencies"]]
    wall = max(r["ended"] for r in results) - min(r["started"] for r in results)
    placed = Order.objects.filter(lines__variant_id__in=variant_pks).distinct().count()
    allocated = sum(
        Stock.objects.filter(variant_id__in=variant_pks).values_list(
            "quantity_allocated", flat=True
        )
    )
    assert allocated == placed, f"{name}: {allocated} units allocated for {placed} orders"
    return {
        "scenario": name,
        "workers": workers,
        "checkouts": orders,
        "orders_placed": placed,
        "refused": sum(r["refused"] for r in results),
        "wall_seconds": round(wall, 3),
        "throughput_per_s": round(placed / wall, 1),
        "latency_ms": {
            "p50": round(statistics.median(latencies) * 1000, 1),
            "p95": round(percentile(latencies, 0.95) * 1000, 1),
            "p99": round(percentile(latencies, 0.99) * 1000, 1),
            "max": round(max(latencies) * 1000, 1),
        },
    }


def bench_ceiling(workers: int, seconds: float) -> dict[str, Any]:
    # Imports models: only once this script has run django.setup().
    from catalog.models import Stock

    variant_pks = _prepare(1, 1, 1)[1]
    stock = Stock.objects.get(variant_id=variant_pks[0])
    Stock.objects.filter(pk=stock.pk).update(quantity=10**9)
    results = _run(_update_worker, [(stock.pk, seconds)] * workers)
    wall = max(r["ended"] for r in results) - min(r["started"] for r in results)
    done = sum(r["done"] for r in results)
    stock.refresh_from_db()
    assert stock.quantity_allocated == done
    return {
        "workers": workers,
        "updates": done,
        "wall_seconds": round(wall, 3),
        "per_s": round(done / wall, 1),
    }


# --- Database ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=16, help="concurrent processes")
    parser.add_argument("--orders", type=int, default=600, help="checkouts per scenario")
    parser.add_argument("--ceiling-seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    _setup_django()

    def run() -> dict[str, Any]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0]
        hot = bench_completions("hot", args.workers, args.orders, variants=1, sellers=1)
        spread = bench_completions("spread", args.workers, args.orders, variants=32, sellers=8)
        ceiling = bench_ceiling(args.workers, args.ceiling_seconds)
        return {"postgres": version, "hot": hot, "spread": spread, "ceiling": ceiling}

    measured = with_bench_database("checkout_bench", run)
    ratio = measured["hot"]["throughput_per_s"] / measured["ceiling"]["per_s"]
    report = {
        "benchmark": "checkout_complete",
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        **measured,
        "ratio_hot_to_ceiling": round(ratio, 4),
    }
    print(f"PostgreSQL: {measured['postgres'].split(',')[0]}   workers: {args.workers}")
    header = ("scenario", "orders", "refused", "orders/s", "p50 ms", "p95 ms", "p99 ms")
    print(
        f"{header[0]:<10}{header[1]:>8}{header[2]:>9}{header[3]:>10}"
        + "".join(f"{h:>9}" for h in header[4:])
    )
    for key in ("hot", "spread"):
        row = measured[key]
        lat = row["latency_ms"]
        print(
            f"{key:<10}{row['orders_placed']:>8}{row['refused']:>9}{row['throughput_per_s']:>10}"
            f"{lat['p50']:>9}{lat['p95']:>9}{lat['p99']:>9}"
        )
    ceiling = measured["ceiling"]
    print(
        f"ceiling: raw single-row conditional UPDATE = {ceiling['per_s']} /s "
        f"({ceiling['workers']} procs)"
    )
    print(f"ratio hot checkout-complete / ceiling = {ratio:.2%}")
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"checkout-{args.workers}w-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {path.relative_to(RESULTS.parent.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
