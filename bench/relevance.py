"""The search relevance set (bench/relevance/queries.toml): shopping queries judged on the
demo catalogue, and how a ranking is scored against them.

Each query lists the products a shopper expects (`expected`, in any order) and, optionally,
products that are not wrong to show but that the shopper did not ask for (`acceptable`:
the coffee-cherry tea for "cà phê", say). Any other product in the top 5 is noise.

Scores, for the top 5 products a backend returns (`shown`, fewer when fewer match):

- **precision at 5** = |shown ∩ (expected ∪ acceptable)| / |shown| — the share of what the
  shopper sees that belongs there. It is the standard precision, cut at 5, divided by what
  was actually shown rather than by 5, so a query with two right answers can still score 1.0
  when exactly those two come back. It counts noise wherever it ranks: the complaint of
  issue 15 was "mat ong" answering ten products of which seven were not honey, which a
  figure that only looks at whether the honeys are there would not see. When nothing is
  shown, precision is 1.0 if nothing was expected (a query for a product the catalogue does
  not sell) and 0.0 otherwise (the shopper saw nothing useful).
- **recall at 5** = |shown ∩ expected| / min(5, |expected|) — how much of the best possible
  first five the shopper got; 1.0 when nothing was expected. (This is the figure sometimes
  called "precision at 5" with min(5, |expected|) below the line; here it is reported as
  recall because it is blind to noise below the expected products.)

The overall figures are the plain means over the queries (each query counts once).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

from django.conf import settings

QUERIES_FILE = Path(__file__).resolve().parent / "relevance" / "queries.toml"
CUTOFF = 5


@dataclass(frozen=True)
class Judgement:
    """One shopping query and the demo products a shopper expects it to find."""

    text: str
    expected: frozenset[str]
    acceptable: frozenset[str]
    note: str


@dataclass(frozen=True)
class Score:
    text: str
    shown: tuple[str, ...]  # the top CUTOFF slugs, best first
    precision: float
    recall: float
    noise: tuple[str, ...]  # shown, neither expected nor acceptable
    missed: tuple[str, ...]  # expected, not shown (only the best min(5, |expected|) count)


def load_judgements(path: Path = QUERIES_FILE) -> list[Judgement]:
    """The relevance set; fails with the query's text on a malformed entry."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    judgements = []
    for entry in data["query"]:
        text = entry["text"]
        unknown = set(entry) - {"text", "expected", "acceptable", "note"}
        if unknown or not isinstance(text, str) or not text.strip():
            raise ValueError(f"relevance query {text!r}: bad entry ({sorted(unknown)})")
        expected = frozenset(entry["expected"])
        acceptable = frozenset(entry.get("acceptable", ()))
        if expected & acceptable:
            raise ValueError(f"relevance query {text!r}: expected and acceptable overlap")
        if not entry.get("note"):
            raise ValueError(f"relevance query {text!r}: the note (why) is missing")
        judgements.append(Judgement(text, expected, acceptable, entry["note"]))
    texts = [j.text for j in judgements]
    if len(set(texts)) != len(texts):
        raise ValueError("relevance queries are listed twice")
    return judgements


def score(judgement: Judgement, ranked: list[str]) -> Score:
    """Score one backend's ranking (product slugs, best first) against the judgement."""
    shown = tuple(ranked[:CUTOFF])
    wanted = judgement.expected | judgement.acceptable
    noise = tuple(slug for slug in shown if slug not in wanted)
    if shown:
        precision = (len(shown) - len(noise)) / len(shown)
    else:
        precision = 0.0 if judgement.expected else 1.0
    if judgement.expected:
        found = len(judgement.expected.intersection(shown))
        recall = found / min(CUTOFF, len(judgement.expected))
    else:
        recall = 1.0
    missed = tuple(sorted(judgement.expected.difference(shown)))
    if len(judgement.expected) > CUTOFF and len(judgement.expected.intersection(shown)) == CUTOFF:
        missed = ()  # five right answers shown: the others simply did not fit
    return Score(judgement.text, shown, precision, recall, noise, missed)


def overall(scores: list[Score]) -> tuple[float, float]:
    """(mean precision at 5, mean recall at 5) over the queries."""
    return fmean(s.precision for s in scores), fmean(s.recall for s in scores)


def ranked_slugs(text: str) -> tuple[str, list[str]]:
    """(backend that answered, slugs of the top CUTOFF products) for a storefront search
    of `text` in the default channel, through the search service the API and web use."""
    # Imports models: only once the caller has run django.setup().
    from catalog.models import Channel, Product
    from search.params import SearchParams
    from search.service import search

    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    result = search(
        SearchParams(
            query=text,
            channel=channel,
            limit=CUTOFF,
            with_facets=False,
            with_suggestions=False,
            with_highlights=False,
        )
    )
    by_pk = dict(Product.objects.filter(pk__in=result.product_ids).values_list("pk", "slug"))
    return result.backend, [by_pk[pk] for pk in result.product_ids]
