"""Typo tolerance for PostgreSQL search: query words corrected against the catalogue's
vocabulary table (`catalog.SearchWord`: folded words with how many products hold them).

The table is rebuilt daily from the search documents (catalog.tasks) and grows as
products are saved; only words of a similar length are read, then compared with difflib
(the closest wins, the more frequent on a tie), so nothing scans the products.
"""

from __future__ import annotations

import difflib

from django.db import transaction
from django.db.models.functions import Length

from catalog.models import SearchWord
from catalog.search_vector import refresh_vocabulary

CUTOFF = 0.7
_MIN_LENGTH = 3  # shorter words are left alone (too many neighbours)


def _ensure_vocabulary() -> None:
    """An empty table (a fresh database, a test's own catalogue) is built on first use."""
    if not SearchWord.objects.exists():
        with transaction.atomic():
            refresh_vocabulary()


def closest(word: str) -> str | None:
    """The vocabulary word nearest `word`, or None if none is close enough."""
    size = len(word)
    candidates = dict(
        SearchWord.objects.annotate(size=Length("word"))
        .filter(size__gte=size - 2, size__lte=size + 2)
        .values_list("word", "frequency")
    )
    if word in candidates:
        return word
    best: tuple[float, int, str] | None = None
    matcher = difflib.SequenceMatcher(b=word)
    for candidate, frequency in candidates.items():
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio >= CUTOFF and (best is None or (ratio, frequency) > best[:2]):
            best = (ratio, frequency, candidate)
    return best[2] if best else None


def corrected(words: list[str]) -> list[str]:
    """Each unknown word of 3+ letters replaced by its closest known word, if any."""
    long_words = [w for w in words if len(w) >= _MIN_LENGTH]
    if not long_words:
        return words
    _ensure_vocabulary()
    known = set(SearchWord.objects.filter(word__in=long_words).values_list("word", flat=True))
    out = []
    for word in words:
        if word in known or len(word) < _MIN_LENGTH:
            out.append(word)
        else:
            out.append(closest(word) or word)
    return out
