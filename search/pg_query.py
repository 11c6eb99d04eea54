"""Matching and ranking of PostgreSQL search, on the products' stored documents.

Each product has a folded, weighted `tsvector` (catalog.search_vector) with a GIN index,
on the built-in `simple` configuration: A name, B category/province (and pre-2025 names),
C seller, D description. Query words are folded alike and all required. Words found in
the name, group or origin (A/B) come before the description: a query answers from A/B
alone when that finds anything, and falls back to every part only when it finds nothing
("mật ong" is honey, not a tea whose description mentions honey). In each, the last word
is taken as a prefix when whole words find nothing (a shopper still typing: "mat o").

Ranking, lower is better (`search_rank`): the exact-accent tier (an accented name phrase
first, "dế" before "dê"), minus name words matched, minus ts_rank with the weights (in
[0, 1): normalisation 32), then the callers' tie-breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.db.models.sql.compiler import SQLCompiler

from catalog.models import Product
from search.pg_vocabulary import corrected
from search.query import query_words
from search.text import FOLD_TABLE

_WORDS = re.compile(r"\w+")
_SEPARATOR = r"[^[:alnum:]]+"
NAME_AND_GROUP = "AB"
# ts_rank weights, in PostgreSQL's order {D, C, B, A}.
WEIGHTS = [0.1, 0.2, 0.4, 1.0]


def _lexeme(word: str) -> str:
    """A query word as a quoted tsquery lexeme (to_tsquery parses it as the document was)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(words: list[str], *, weights: str = "", prefix: bool = True) -> str:
    """to_tsquery text: every word required, restricted to `weights`, the last a prefix."""
    terms = []
    for n, word in enumerate(words):
        star = "*" if prefix and n == len(words) - 1 else ""
        suffix = f":{star}{weights}" if star or weights else ""
        terms.append(_lexeme(word) + suffix)
    return " & ".join(terms)


def search_query(words: list[str], *, weights: str = "", prefix: bool = True) -> SearchQuery:
    return SearchQuery(
        tsquery(words, weights=weights, prefix=prefix), search_type="raw", config="simple"
    )


def match_words(
    qs: QuerySet[Product], words: list[str], *, weights: str = "", prefix: bool = True
) -> QuerySet[Product]:
    """Products whose document holds every word (the last as a prefix), in `weights`."""
    return qs.filter(search_vector=search_query(words, weights=weights, prefix=prefix))


# The tries, in order, until one finds a product: in name/group/origin, whole words then
# the last word as a prefix (a shopper still typing); then the same anywhere. ("mat o"
# finds honey by its name before "mật" and "ở" somewhere in a description.)
TRIES = ((NAME_AND_GROUP, False), (NAME_AND_GROUP, True), ("", False), ("", True))


Try = tuple[str, bool]  # (weights, prefix): one of TRIES


def best_try(qs: QuerySet[Product], words: list[str]) -> tuple[Try, bool]:
    """(try, found): the first try with a match (one indexed EXISTS each), else the
    loosest (which matches nothing)."""
    for weights, prefix in TRIES:
        if match_words(qs, words, weights=weights, prefix=prefix).exists():
            return (weights, prefix), True
    return TRIES[-1], False


def best_match(qs: QuerySet[Product], words: list[str]) -> tuple[QuerySet[Product], bool]:
    """(matches, found): the first try with a match, else the loosest (empty)."""
    (weights, prefix), found = best_try(qs, words)
    return match_words(qs, words, weights=weights, prefix=prefix), found


# --- Exact-accent tiers on the name (regexes, evaluated on the matches only).


def _variants() -> dict[str, str]:
    """Base letter → every lower-case accented letter folding to it ("d" → "đ", …)."""
    found: dict[str, str] = {}
    for code, base in FOLD_TABLE.items():
        char = chr(code)
        if char == char.lower():
            found[base] = found.get(base, "") + char
    return found


_VARIANTS = _variants()


def _folded_core(word: str) -> str:
    return "".join(
        f"[{char}{_VARIANTS[char]}]" if char in _VARIANTS else re.escape(char) for char in word
    )


def folded_regex(words: list[str], *, prefix: bool = False) -> str:
    """Case- and accent-insensitive (~*) regex for these folded words, in a row, as whole
    words (the last one may be a prefix)."""
    core = _SEPARATOR.join(_folded_core(w) for w in words)
    return rf"\m{core}" + ("" if prefix else r"\M")


def exact_regex(words: list[str]) -> str:
    """Case-insensitive regex for these accented words, in a row, as whole words."""
    return r"\m" + _SEPARATOR.join(re.escape(w) for w in words) + r"\M"


def tier_rank(accented: str, words: list[str]) -> Any:
    """100 × tier − name words matched − ts_rank, where the tier is 0 exact-accent phrase
    in the name, 1 every accented word in the name, 2 folded phrase in the name, 3 every
    folded word in the name, 4 matched elsewhere (regexes on the name: see `with_rank`).
    A name in tiers 0 to 3 holds every word, so only tier 4 counts its words by regex
    (two regexes fewer per candidate, most of which are in a tier below 4)."""
    accented_words = _WORDS.findall(accented.lower())
    every_accented = Q()
    for word in accented_words:
        every_accented &= Q(name__iregex=exact_regex([word]))
    every_folded = Q()
    for word in words:
        every_folded &= Q(name__iregex=folded_regex([word]))
    hits: Any = Value(0)
    for word in words:
        hits = hits + Case(
            When(name__iregex=folded_regex([word]), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    every = len(words)
    tier_less_hits = Case(
        When(name__iregex=exact_regex(accented_words), then=Value(0 - every)),
        When(every_accented, then=Value(100 - every)),
        When(name__iregex=folded_regex(words), then=Value(200 - every)),
        When(every_folded, then=Value(300 - every)),
        default=Value(400) - hits,
        output_field=IntegerField(),
    )
    return tier_less_hits - F("index_rank")


# How many of the best matches by index rank the exact-accent tiers re-rank. The tiers are
# regexes on the name: run on every match they made a search cost linear in its matches
# (7,289 names for "mat ong" at 100,000 products); on the leading candidates, a fixed cost.
CANDIDATES = 200
# Above any tiered rank (at most 400 + 1): the matches beyond the candidates, by index rank.
UNTIERED = 1000


def index_rank(words: list[str], vector: str = "search_vector") -> SearchRank:
    """ts_rank of the stored document, weighted A name ≫ B group/origin ≫ C seller ≫ D
    description, in [0, 1) (normalisation 32): computed from the row the match reads."""
    return SearchRank(F(vector), search_query(words), weights=WEIGHTS, normalization=Value(32))


def leading_matches(qs: QuerySet[Product], words: list[str]) -> list[int]:
    """The best `CANDIDATES` of `qs` by index rank (best rank, then the most popular, then
    id): one statement (`index_rank`: the GIN index finds the matches, the rank reads
    their stored documents)."""
    ranked = qs.annotate(index_rank=index_rank(words))
    return list(
        ranked.order_by("-index_rank", "-popularity", "pk").values_list("pk", flat=True)[
            :CANDIDATES
        ]
    )


def with_rank(
    qs: QuerySet[Product], accented: str, words: list[str], leading: list[int] | None = None
) -> QuerySet[Product]:
    """search_rank, lower is better, in two stages so that a search's cost does not grow
    with its matches. The index rank (`index_rank`) picks the best `CANDIDATES`
    (`leading`, read here unless given); those are ranked by the exact-accent tiers
    (`tier_rank`, below 500), every other match after them by its index rank (`UNTIERED`
    − ts_rank). The order is total, so keyset pages continue it."""
    if leading is None:
        leading = leading_matches(qs, words)
    rank = Case(
        When(pk__in=leading, then=tier_rank(accented, words)),
        default=Value(UNTIERED) - F("index_rank"),
        output_field=FloatField(),
    )
    # As double precision: a real (ts_rank's type) would not survive a keyset cursor's
    # round trip through its decimal text exactly.
    return qs.annotate(index_rank=index_rank(words), search_rank=Cast(rank, FloatField()))


class _AnyOf(Func):
    """`field = ANY(%s)` with the ids as ONE parameter (a Value of an ArrayField would
    prepare each of thousands of ids in Python)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, ids: list[int]) -> None:
        super().__init__(F(field))
        self.ids = ids

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        # As array text: joined in C, where the driver would dump a list id by id.
        return f"{sql} = ANY(%s::bigint[])", (*params, "{" + ",".join(map(str, self.ids)) + "}")


def in_ids(field: str, ids: list[int]) -> Func:
    """`field = ANY(ids)`: one array parameter however many ids (an IN list of thousands
    of placeholders costs more to send and plan)."""
    return _AnyOf(field, ids)


def order_by_ids(qs: QuerySet[Product], ids: list[int]) -> QuerySet[Product]:
    """Annotate search_rank = position of the product in `ids` (1-based)."""
    return qs.annotate(
        search_rank=Func(
            Value(ids, output_field=ArrayField(BigIntegerField())),
            F("pk"),
            function="array_position",
            output_field=IntegerField(),
        )
    )


def rank_queryset(qs: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Saleor's `products(search: …)` in PostgreSQL: narrow `qs` to matching products,
    annotated `search_rank` (lower is better, see `with_rank`).

    The tries (`TRIES`, then the words corrected against the vocabulary) are walked as
    search.pg.search walks them, but each try reads its leading candidates at once: the
    first try that has any is the one matching, so a search that matches costs one
    statement before its page, not an EXISTS and then the candidates."""
    accented, words = query_words(text)
    if not words:
        return qs
    if "search_rank" in qs.query.annotations:  # searched already (search + filter.search)
        return best_match(qs, words)[0]
    for attempt in attempts(accented, words):
        matched = match_words(qs, attempt.words, weights=attempt.weights, prefix=attempt.prefix)
        leading = leading_matches(matched, attempt.words)
        if leading:
            return with_rank(matched, attempt.accented, attempt.words, leading)
    # Nothing matches: the loosest try of the words as typed (an empty page).
    weights, prefix = TRIES[-1]
    return with_rank(match_words(qs, words, weights=weights, prefix=prefix), accented, words, [])


class Attempt(NamedTuple):
    """One way of matching the query: its words (as typed or corrected) in one of TRIES."""

    accented: str
    words: list[str]
    weights: str
    prefix: bool
    fuzzy: bool  # the words were corrected against the vocabulary


def attempts(accented: str, words: list[str]) -> Iterator[Attempt]:
    """Every try (TRIES) of the words as typed, then of the words corrected against the
    vocabulary (read only when asked for, i.e. when nothing matched as typed)."""
    for weights, prefix in TRIES:
        yield Attempt(accented, words, weights, prefix, False)
    fixed = corrected(words)
    if fixed != words:
        for weights, prefix in TRIES:
            yield Attempt(" ".join(fixed), fixed, weights, prefix, True)
