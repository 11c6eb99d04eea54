"""The catalogue benchmark (bench/catalogue_bench.py): it grows the catalogue size by size,
measures the sizes in turns from copies of the database, and leaves no database behind."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.db import connection

from tests.bench_runs import run_bench


def test_it_measures_two_sizes_in_turns_and_drops_their_copies(db: Any, tmp_path: Path) -> None:
    # given the benchmark asked for two small sizes, two measured rounds after one warm-up
    args = ["--sizes", "70,60", "--repeat", "2", "--warmup", "1", "--results", str(tmp_path)]
    # when it runs
    out = run_bench("catalogue_bench", *args)
    # then it grows to each size, smallest first, and measures both in turns
    assert re.search(r"^\[bench\] 60 products \(\d+ generated, \d+ s\)$", out, re.M)
    assert re.search(r"^\[bench\] 70 products \(10 generated, \d+ s\)$", out, re.M)
    assert "[bench] measuring 2 sizes, interleaved ..." in out
    for name in ("list", "list\\+2 filters", "search\\+facets", "product"):
        assert re.search(rf"^\| {name} \| .* \| [\d.]+× (PASS|MISS) \|$", out, re.M)
    # and each size was measured on its own copy: the counts are that size's
    [written] = list(tmp_path.glob("catalogue-postgresql-*.json"))
    report = json.loads(written.read_text(encoding="utf-8"))
    assert [(r["size"], r["products"]) for r in report["results"]] == [(60, 60), (70, 70)]
    for result in report["results"]:
        assert result["operations"]["list"]["total_count"] == result["listed"]
        assert result["operations"]["list"]["sql"] == 5
    # and no copy (nor the scratch database) is left behind
    base = urlparse(os.environ["DATABASE_URL"]).path.lstrip("/")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [f"{base}\\_catalogue\\_bench%"],
        )
        assert cursor.fetchall() == []
