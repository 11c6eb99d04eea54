"""Search relevance on the demo catalogue: the relevance set (bench/relevance/queries.toml)
run on Elasticsearch and on the PostgreSQL fallback, overall precision at 5 pinned.

Precision at 5 and recall at 5 are defined in bench/relevance.py (precision: the share of
the top 5 shown that the shopper expects or accepts; recall: |top 5 ∩ expected| /
min(5, |expected|)). `python -m bench.relevance_bench` prints the figures per query.
"""

from __future__ import annotations

from typing import Any

from bench.relevance import Judgement, load_judgements, overall, ranked_slugs, score
from catalog.listing import listable_products
from catalog.models import Channel, Product
from tests.helpers.search import build_index, search_index

__all__ = ["search_index"]

# Issue 15 asks for at least 0.9 on both backends.
ELASTICSEARCH_PRECISION_FLOOR = 0.9
# The indexed PostgreSQL search (stored tsvector, name/group/origin first) measures 0.948.
POSTGRES_PRECISION_FLOOR = 0.9


def _judgement(expected: tuple[str, ...], acceptable: tuple[str, ...] = ()) -> Judgement:
    return Judgement("q", frozenset(expected), frozenset(acceptable), "why")


def test_it_scores_precision_and_recall_at_five() -> None:
    # given a query expecting two products, accepting a third
    judgement = _judgement(("a", "b"), ("c",))
    # when rankings are scored
    perfect = score(judgement, ["b", "a"])
    noisy = score(judgement, ["a", "x", "c", "y", "z", "b"])  # "b" ranks 6th: not shown
    nothing = score(judgement, [])
    # then precision counts what is shown, recall what was expected
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    assert (noisy.precision, noisy.recall) == (0.4, 0.5)
    assert (noisy.noise, noisy.missed) == (("x", "y", "z"), ("b",))
    assert (nothing.precision, nothing.recall) == (0.0, 0.0)


def test_it_scores_a_query_the_catalogue_cannot_answer_and_a_long_expected_list() -> None:
    # given a query expecting nothing, and one expecting seven products
    unanswerable = _judgement(())
    seven = _judgement(tuple("abcdefg"))
    # when scored
    # then showing nothing is right, showing anything is noise
    assert (score(unanswerable, []).precision, score(unanswerable, []).recall) == (1.0, 1.0)
    assert score(unanswerable, ["a"]).precision == 0.0
    # and five of the seven fill the top 5 completely
    full = score(seven, ["g", "a", "c", "e", "b", "d"])
    assert (full.precision, full.recall, full.missed) == (1.0, 1.0, ())


def test_it_judges_at_least_40_queries_on_listable_demo_products(demo_catalog: None) -> None:
    # given the relevance set and the demo catalogue
    judgements = load_judgements()
    channel = Channel.objects.get(slug="default-channel")
    listable = set(listable_products(channel).values_list("slug", flat=True))
    known = set(Product.objects.values_list("slug", flat=True))
    # when the judged products are looked up
    expected = set().union(*(j.expected for j in judgements))
    acceptable = set().union(*(j.acceptable for j in judgements))
    # then there are enough queries, and every judged product is a listable demo product
    assert len(judgements) >= 40
    assert len(known) == 46 and len(listable) == 44
    assert (expected | acceptable) - listable == set()


def test_it_reaches_the_precision_floor_on_elasticsearch(
    demo_catalog: None, search_index: str
) -> None:
    # given the demo catalogue indexed
    build_index()
    judgements = load_judgements()
    # when every query of the set is searched
    answers = [ranked_slugs(j.text) for j in judgements]
    scores = [score(j, slugs) for j, (_, slugs) in zip(judgements, answers, strict=True)]
    # then Elasticsearch answered them all, at least 90% precise over the top 5
    assert {backend for backend, _ in answers} == {"elasticsearch"}
    precision, _ = overall(scores)
    assert precision >= ELASTICSEARCH_PRECISION_FLOOR


def test_it_keeps_the_precision_floor_on_postgres(demo_catalog: None, settings: Any) -> None:
    # given the demo catalogue and no Elasticsearch
    settings.ELASTICSEARCH_URL = ""
    judgements = load_judgements()
    # when every query of the set is searched
    answers = [ranked_slugs(j.text) for j in judgements]
    scores = [score(j, slugs) for j, (_, slugs) in zip(judgements, answers, strict=True)]
    # then PostgreSQL answered them all, no less precise than measured
    assert {backend for backend, _ in answers} == {"postgres"}
    precision, _ = overall(scores)
    assert precision >= POSTGRES_PRECISION_FLOOR
