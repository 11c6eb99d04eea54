"""Product search answered by PostgreSQL, with the same rules as Elasticsearch.

Used when ELASTICSEARCH_URL is not set (the embedded default) or Elasticsearch is down.
Every folded query word must be a whole word of the product's text (name, description,
category, seller, province or a pre-2025 province name) whatever its accents: each base
letter becomes a class of its accented forms in a case-insensitive regex ("mat" →
\\mm[aàáạảãâầấậẩẫăằắặẳẵ]t\\M), so no extension is needed and the data is never rewritten.
Ranking puts exact-accent name matches first: a CASE on the accented name, then the
folded name, then anything else.
When nothing matches, query words are corrected against the catalogue's vocabulary
(difflib), the fallback's typo tolerance.
"""

from __future__ import annotations

import difflib
import re
import threading
import time
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from catalog.listing import listable_products
from catalog.models import Category, Channel, Product
from core.text import fold
from places.models import LegacyProvince, Province
from search.facts import with_facts
from search.params import (
    FACETS,
    MAX_WINDOW,
    PRICE_RANGES,
    FacetValue,
    Hit,
    SearchFilters,
    SearchParams,
    SearchResult,
    SortField,
    Suggestion,
)
from search.query import query_words
from search.text import FOLD_TABLE, highlight

_WORDS = re.compile(r"\w+")
_SEPARATOR = r"[^[:alnum:]]+"


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
    """A regex matching `word` (folded) in accented text: "mat" → "m[aàá…ậ…]t"."""
    return "".join(
        f"[{char}{_VARIANTS[char]}]" if char in _VARIANTS else re.escape(char) for char in word
    )


def folded_regex(words: list[str], *, prefix: bool = False) -> str:
    """Case- and accent-insensitive (~*) regex for these folded words, in a row, as whole
    words (the last one may be a prefix). No translate() of the data: indexes and long
    texts stay cheap, and no extension is needed."""
    core = _SEPARATOR.join(_folded_core(w) for w in words)
    return rf"\m{core}" + ("" if prefix else r"\M")


def exact_regex(words: list[str]) -> str:
    """Case-insensitive regex for these accented words, in a row, as whole words."""
    return r"\m" + _SEPARATOR.join(re.escape(w) for w in words) + r"\M"


# The fields Elasticsearch searches (search.query.FIELDS), on the product's rows.
TEXT_FIELDS = (
    "name",
    "name_en",
    "description",
    "category__name",
    "category__parent__name",
    "origin_province__name",
    "seller__stall_name",
    "seller__story",
)


def _word_q(word: str) -> Q:
    pattern = folded_regex([word])
    legacy = LegacyProvince.objects.filter(
        new_province=OuterRef("origin_province"), name__iregex=pattern
    )
    condition = Q(Exists(legacy))
    for field in TEXT_FIELDS:
        condition |= Q(**{f"{field}__iregex": pattern})
    return condition


def match_words(qs: QuerySet[Product], words: list[str]) -> QuerySet[Product]:
    """Products where every word appears, accents and case aside, as a whole word."""
    for word in words:
        qs = qs.filter(_word_q(word))
    return qs


def with_rank(qs: QuerySet[Product], accented: str, words: list[str]) -> QuerySet[Product]:
    """search_rank, lower is better: 100 × tier − name words matched, where the tier is
    0 exact-accent phrase in the name, 1 every accented word in the name, 2 folded phrase
    in the name, 3 every folded word in the name, 4 matched elsewhere."""
    accented_words = _WORDS.findall(accented.lower())
    every_accented = Q()
    for word in accented_words:
        every_accented &= Q(name__iregex=exact_regex([word]))
    every_folded = Q()
    for word in words:
        every_folded &= Q(name__iregex=folded_regex([word]))
    tier = Case(
        When(name__iregex=exact_regex(accented_words), then=Value(0)),
        When(every_accented, then=Value(100)),
        When(name__iregex=folded_regex(words), then=Value(200)),
        When(every_folded, then=Value(300)),
        default=Value(400),
        output_field=IntegerField(),
    )
    hits: Any = Value(0)
    for word in words:
        hits = hits + Case(
            When(name__iregex=folded_regex([word]), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return qs.annotate(search_rank=ExpressionWrapper(tier - hits, output_field=IntegerField()))


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


# --- Typo tolerance: correct words against the catalogue's own vocabulary.

_VOCABULARY_TTL = 300.0
_vocabulary: tuple[float, frozenset[str]] | None = None
_vocabulary_lock = threading.Lock()


def vocabulary() -> frozenset[str]:
    """Folded words of the catalogue (products, sellers, provinces), cached 5 minutes."""
    global _vocabulary
    with _vocabulary_lock:
        if _vocabulary and time.monotonic() - _vocabulary[0] < _VOCABULARY_TTL:
            return _vocabulary[1]
    words: set[str] = set()
    rows = Product.objects.values_list(
        "search_document", "name", "seller__stall_name", "origin_province__name"
    )
    for parts in rows.iterator(chunk_size=2000):
        words.update(_WORDS.findall(fold(" ".join(p for p in parts if p))))
    for name in LegacyProvince.objects.values_list("name", flat=True):
        words.update(_WORDS.findall(fold(name)))
    found = frozenset(words)
    with _vocabulary_lock:
        _vocabulary = (time.monotonic(), found)
    return found


def forget_vocabulary() -> None:
    """Drop the cached vocabulary (tests that load another catalogue, `ocop demo`)."""
    global _vocabulary
    with _vocabulary_lock:
        _vocabulary = None


def corrected(words: list[str]) -> list[str]:
    known = vocabulary()
    out = []
    for word in words:
        if word in known or len(word) < 3:
            out.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.7)
        out.append(close[0] if close else word)
    return out


def rank_queryset(qs: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Saleor's `products(search: …)` in PostgreSQL: narrow `qs` to matching products,
    annotated `search_rank` (lower is better, see `with_rank`)."""
    accented, words = query_words(text)
    if not words:
        return qs
    if "search_rank" in qs.query.annotations:  # searched already (search + filter.search)
        return match_words(qs, words)
    matched = match_words(qs, words)
    if not matched.exists():
        fixed = corrected(words)
        if fixed != words:
            words, accented = fixed, " ".join(fixed)
            matched = match_words(qs, words)
    return with_rank(matched, accented, words)


# --- Filters, sorting, facets.


def _category_tree(ids: tuple[int, ...]) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    tree, frontier = set(ids), list(ids)
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in tree:
                tree.add(child)
                frontier.append(child)
    return tree


def filter_qs(filters: SearchFilters) -> dict[str, Q]:
    clauses: dict[str, Q] = {}
    if filters.category_ids:
        clauses["categories"] = Q(category_id__in=_category_tree(filters.category_ids))
    if filters.province_codes:
        clauses["provinces"] = Q(origin_province__code__in=filters.province_codes)
    if filters.stars:
        clauses["stars"] = Q(search_stars__in=filters.stars)
    if filters.price_gte is not None or filters.price_lte is not None:
        price = Q()
        if filters.price_gte is not None:
            price &= Q(search_price_min__gte=filters.price_gte)
        if filters.price_lte is not None:
            price &= Q(search_price_min__lte=filters.price_lte)
        clauses["price_ranges"] = price
    if filters.seller_kinds:
        clauses["seller_kinds"] = Q(seller__kind__in=filters.seller_kinds)
    if filters.in_stock is not None:
        clauses["in_stock"] = Q(search_in_stock=filters.in_stock)
    return clauses


def scope_q(filters: SearchFilters) -> Q:
    """The page's scope (a seller, a set of products): narrows the matches, not a facet."""
    scope = Q()
    if filters.seller_ids:
        scope &= Q(seller_id__in=filters.seller_ids)
    if filters.product_ids is not None:
        scope &= Q(pk__in=filters.product_ids)
    return scope


def _order(params: SearchParams, has_rank: bool) -> list[Any]:
    descending = params.is_descending
    rank = ["search_rank"] if has_rank else []
    if params.sort == SortField.RELEVANCE:
        if descending:
            return [*rank, F("popularity").desc(), "pk"]
        worst_first = [F("search_rank").desc()] if has_rank else []
        return [*worst_first, F("popularity").asc(), "-pk"]
    field = {
        SortField.PRICE: "search_price_min",
        SortField.NEWEST: "created_at",
        SortField.STARS: "search_stars",
        SortField.RATING: "rating",
    }[params.sort]
    expression = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
    return [expression, *rank, "pk"]


def _facets(
    matched: QuerySet[Product], clauses: dict[str, Q], filters: SearchFilters
) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        qs = matched.filter(*[q for other, q in clauses.items() if other != name]).order_by()
        if name == "price_ranges":
            counts = qs.aggregate(
                **{
                    f"r{i}": Count(
                        "pk",
                        filter=Q(search_price_min__gte=r.gte if r.gte is not None else 0)
                        & (Q(search_price_min__lte=r.lte) if r.lte is not None else Q()),
                    )
                    for i, r in enumerate(PRICE_RANGES)
                }
            )
            facets[name] = [
                FacetValue(
                    value=r.key,
                    count=counts[f"r{i}"],
                    label=r.label,
                    selected=filters.price_gte == r.gte and filters.price_lte == r.lte,
                    gte=r.gte,
                    lte=r.lte,
                )
                for i, r in enumerate(PRICE_RANGES)
            ]
            continue
        field = {
            "categories": "category_id",
            "provinces": "origin_province__code",
            "stars": "search_stars",
            "seller_kinds": "seller__kind",
            "in_stock": "search_in_stock",
        }[name]
        rows = list(qs.values(field).annotate(n=Count("pk")).values_list(field, "n"))
        if name == "categories":
            rows = _roll_up_categories(rows)
        selected = {
            "categories": {str(pk) for pk in filters.category_ids},
            "provinces": set(filters.province_codes),
            "stars": {str(s) for s in filters.stars},
            "seller_kinds": set(filters.seller_kinds),
            "in_stock": set() if filters.in_stock is None else {str(filters.in_stock).lower()},
        }[name]
        values = []
        for key, count in rows:
            if key is None:
                continue
            value = str(key).lower() if name == "in_stock" else str(key)
            values.append(FacetValue(value=value, count=count, selected=value in selected))
        facets[name] = values
    return facets


def _roll_up_categories(rows: list[tuple[Any, int]]) -> list[tuple[Any, int]]:
    """Count each product under its category and every ancestor, like the index does."""
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    totals: dict[int, int] = {}
    for category_id, count in rows:
        seen: set[int] = set()
        current = category_id
        while current is not None and current not in seen:
            seen.add(current)
            totals[current] = totals.get(current, 0) + count
            current = parents.get(current)
    return list(totals.items())


def search(params: SearchParams) -> SearchResult:
    accented, words = query_words(params.query)
    channel = params.channel
    matched = with_facts(listable_products(channel).filter(scope_q(params.filters)), channel)
    fuzzy = False
    if words:
        strict = match_words(matched, words)
        if not strict.exists():
            fixed = corrected(words)
            if fixed != words:
                words, fuzzy = fixed, True
                accented = " ".join(words)
            strict = match_words(matched, words)
        matched = with_rank(strict, accented, words)
    clauses = filter_qs(params.filters)
    page_qs = matched.filter(*clauses.values())
    total = page_qs.count()
    offset = max(min(params.offset, MAX_WINDOW - params.limit), 0)
    rows = list(
        page_qs.order_by(*_order(params, bool(words))).values_list("pk", "name", "description")[
            offset : offset + params.limit
        ]
    )
    hits = []
    for pk, name, description in rows:
        snippets: dict[str, str] = {}
        if params.with_highlights and words:
            for field, text, window in (("name", name, None), ("description", description, 160)):
                snippet = highlight(text, words, window=window)
                if snippet:
                    snippets[field] = snippet
        hits.append(Hit(product_id=pk, highlights=snippets))
    return SearchResult(
        hits=hits,
        total=total,
        facets=_facets(matched, clauses, params.filters) if params.with_facets else {},
        suggestions=suggest(params.query, channel) if params.with_suggestions and words else [],
        backend="postgres",
        fuzzy=fuzzy,
    )


def suggest(prefix: str, channel: Channel, size: int = 5) -> list[Suggestion]:
    _, words = query_words(prefix)
    if not words:
        return []
    pattern = folded_regex(words, prefix=True)
    products = (
        listable_products(channel)
        .filter(name__iregex=pattern)
        .order_by("-popularity", "name", "pk")
        .values_list("pk", "name", "slug")[:size]
    )
    found = [
        Suggestion(text=name, kind="product", product_id=pk, slug=slug)
        for pk, name, slug in products
    ]
    listed = listable_products(channel).filter(origin_province=OuterRef("pk"))
    provinces = (
        Province.objects.filter(Exists(listed), name__iregex=pattern)
        .order_by("name")
        .values_list("code", "name")[:size]
    )
    seen = set()
    for code, name in provinces:
        seen.add(code)
        found.append(Suggestion(text=name, kind="province", province_code=code))
    legacy_listed = listable_products(channel).filter(origin_province=OuterRef("new_province"))
    legacy = (
        LegacyProvince.objects.filter(Exists(legacy_listed), name__iregex=pattern)
        .order_by("name")
        .values_list("name", "new_province__code", "new_province__name")[:size]
    )
    for legacy_name, code, name in legacy:
        if code not in seen:
            seen.add(code)
            found.append(
                Suggestion(text=name, kind="province", province_code=code, legacy_name=legacy_name)
            )
    return found
