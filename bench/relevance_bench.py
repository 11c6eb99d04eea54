"""Search relevance on the demo catalogue: precision and recall at 5 of every query of the
relevance set (bench/relevance/queries.toml), on PostgreSQL and on Elasticsearch.

    .venv/bin/python -m bench.relevance_bench [--show]

In a scratch database (`<name>_relevance_bench`, dropped at the end) with the demo catalogue,
each query goes through the search service the API and the web use (`search.service.search`),
first with Elasticsearch switched off (the PostgreSQL fallback answers), then on
Elasticsearch in indices of this run only (deleted at the end), when ELASTICSEARCH_URL is
set and answers. How the figures are computed: bench/relevance.py.

Prints the figures per query and overall, per backend, and writes
bench/results/relevance-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import sys
import uuid
import warnings
from pathlib import Path

import django
from django.conf import settings

from bench.relevance import Judgement, Score, load_judgements, overall, ranked_slugs, score
from bench.scratch import with_bench_database

RESULTS = Path(__file__).resolve().parent / "results"
BACKENDS = ("postgres", "elasticsearch")


def _setup_django() -> str:
    """Returns the Elasticsearch URL to use ("" when none is configured)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    warnings.filterwarnings("ignore", message="No directory at")  # no collected static files
    django.setup()
    # The project's Celery app, configured from settings: only once django.setup() has run.
    from marketplace.celery import app

    # Tasks the demo queues go to an in-memory broker: a shared worker must not run them
    # against a database this benchmark drops at the end (as pages_bench).
    os.environ["CELERY_BROKER_URL"] = "memory://"
    app.conf.broker_url = "memory://"
    app.conf.result_backend = "cache+memory://"
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    # Indices of this run only, deleted at the end.
    settings.ELASTICSEARCH_INDEX_PREFIX = f"relevancebench{uuid.uuid4().hex[:8]}"
    return str(settings.ELASTICSEARCH_URL or "")


def run_backend(backend: str, judgements: list[Judgement]) -> list[Score]:
    """Every query on one backend; fails if another backend answered (a silent fallback
    would report PostgreSQL's figures as Elasticsearch's)."""
    scores = []
    for judgement in judgements:
        answered, slugs = ranked_slugs(judgement.text)
        if answered != backend:
            raise RuntimeError(f"{judgement.text!r}: {answered} answered, not {backend}")
        scores.append(score(judgement, slugs))
    return scores


def _elasticsearch_up(url: str) -> bool:
    # Imports models: only once this script has run django.setup().
    from search.client import clear_client_cache, get_client

    settings.ELASTICSEARCH_URL = url
    clear_client_cache()
    try:
        get_client().cluster.health()  # (ping's HEAD / is not answered by every proxy)
    except Exception:
        return False
    return True


def run_all(judgements: list[Judgement], es_url: str) -> dict[str, list[Score]]:
    # Imports models: only once this script has run django.setup().
    from demo.loader import load_demo
    from search.client import clear_client_cache
    from search.indices import delete_all
    from search.reindex import rebuild

    load_demo(progress=lambda message: None)
    results: dict[str, list[Score]] = {}
    settings.ELASTICSEARCH_URL = ""
    clear_client_cache()
    results["postgres"] = run_backend("postgres", judgements)
    if es_url and _elasticsearch_up(es_url):
        try:
            rebuild(progress=lambda message: None)
            results["elasticsearch"] = run_backend("elasticsearch", judgements)
        finally:
            delete_all(settings.ELASTICSEARCH_INDEX_PREFIX)
    return results


def _cell(found: Score | None) -> str:
    if found is None:
        return f"{'—':>6}{'—':>6}"
    return f"{found.precision:>6.2f}{found.recall:>6.2f}"


def print_report(judgements: list[Judgement], results: dict[str, list[Score]], show: bool) -> None:
    width = max(len(j.text) for j in judgements) + 2
    print(f"\n{'':<{width}}{' PostgreSQL ':-^12} {' Elasticsearch ':-^12}")
    print(f"{'query':<{width}}{'P@5':>6}{'R@5':>6} {'P@5':>6}{'R@5':>6}")
    for i, judgement in enumerate(judgements):
        row = {b: results[b][i] if b in results else None for b in BACKENDS}
        print(f"{judgement.text:<{width}}{_cell(row['postgres'])} {_cell(row['elasticsearch'])}")
        for backend, found in row.items():
            if found is None or not (show or found.precision < 1 or found.recall < 1):
                continue
            print(f"    {backend}: {', '.join(found.shown) or '(nothing)'}")
            if found.noise:
                print(f"      noise: {', '.join(found.noise)}")
            if found.missed:
                print(f"      missed: {', '.join(found.missed)}")
    print(f"{'overall (mean of ' + str(len(judgements)) + ' queries)':<{width}}", end="")
    for backend in BACKENDS:
        if backend in results:
            precision, recall = overall(results[backend])
            print(f"{precision:>6.3f}{recall:>6.3f} ", end="")
        else:
            print(f"{'not run (no Elasticsearch)':>13}", end="")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="list every query's top 5")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON goes")
    args = parser.parse_args(argv)
    es_url = _setup_django()
    judgements = load_judgements()
    print(
        f"[bench] {len(judgements)} queries; creating a scratch database and loading the demo "
        "catalogue ...",
        flush=True,
    )
    results: dict[str, list[Score]] = with_bench_database(
        "relevance_bench", lambda: run_all(judgements, es_url)
    )
    print_report(judgements, results, args.show)
    report = {
        "benchmark": "search_relevance",
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": {"python": sys.version.split()[0]},
        "cutoff": 5,
        "overall": {
            backend: dict(zip(("precision_at_5", "recall_at_5"), overall(scores), strict=True))
            for backend, scores in results.items()
        },
        "queries": [
            {
                "text": judgement.text,
                **{
                    backend: {
                        "shown": list(scores[i].shown),
                        "precision_at_5": scores[i].precision,
                        "recall_at_5": scores[i].recall,
                        "noise": list(scores[i].noise),
                        "missed": list(scores[i].missed),
                    }
                    for backend, scores in results.items()
                },
            }
            for i, judgement in enumerate(judgements)
        ],
    }
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = args.results / f"relevance-{stamp}.json"
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n[bench] wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
