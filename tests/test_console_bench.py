"""The working-area benchmark (bench/console_bench.py): it runs end to end in its own
scratch database, and what it generates is what the inbox and the dashboard count."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.db import connection
from django.utils import timezone

from bench import console_data
from catalog.models import OcopCertificate
from orders.models import Order
from programme.figures import programme_figures
from sellers.models import Seller
from tests import factories
from tests.bench_runs import run_bench


def test_it_runs_the_benchmark_and_prints_each_page(db: Any, tmp_path: Path) -> None:
    # given the benchmark asked for one round over 40 producers and 300 orders
    args = ["--repeat", "1", "--warmup", "0", "--producers", "40", "--orders", "300"]
    # when it runs
    out = run_bench("console_bench", *args, "--results", str(tmp_path))
    # then it succeeds and prints every page with its figures, and the inbox's SQL bar
    assert re.search(r"^== \d+ producers, 300 orders \(\d+ lines\), 1 rounds ==$", out, re.M)
    for page in (
        "inbox, [\\d,]+ orders: new",
        "dashboard, officer \\(Điện Biên\\)",
        "dashboard, national",
        "dashboard CSV, national",
    ):
        assert re.search(rf"^{page} +[\d.]+ +[\d.]+ +[\d.]+ +\d+ +[\d.]+ +[\d.]+$", out, re.M), page
    assert re.search(r"^SQL of the inbox, .*: \[(\d+), \1\]  PASS$", out, re.M)
    # and it writes the figures as JSON, and leaves no scratch database behind
    [written] = list(tmp_path.glob("console-*.json"))
    report = json.loads(written.read_text(encoding="utf-8"))
    assert report["counts"]["orders"] == 300
    assert len(report["results"]) == 7
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s",
            [f"{urlparse(os.environ['DATABASE_URL']).path.lstrip('/')}_console_bench"],
        )
        assert cursor.fetchone() == (0,)


def test_it_generates_producers_and_orders_the_dashboard_counts(demo_catalog: None) -> None:
    # given the demo catalogue
    sellers, orders = Seller.objects.count(), Order.objects.count()
    # when 30 producers and 200 orders are generated
    made = console_data.generate(30, 200)
    # then they are there, a tenth or so of the orders the demo seller1's, with lines
    assert Seller.objects.count() == sellers + 30
    assert Order.objects.count() == orders + 200
    assert made["big_orders"] > 0 and made["lines"] >= 200
    # and the certificates cover the states the dashboard tells apart, and it counts them
    statuses = set(
        OcopCertificate.objects.filter(
            product__seller__slug__startswith="console-bench-"
        ).values_list("status", flat=True)
    )
    assert {"verified", "revoked"} <= statuses
    figures = programme_figures(None, timezone.localdate(), factories.channel())
    assert figures.sales.total.orders > 0
    assert figures.producers.total > 30
