"""What a search asks for and what it answers, whichever backend answers it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from catalog.models import Channel
from core.money import format_vnd

MAX_LIMIT = 100
# Elasticsearch's default max_result_window; deeper pages are refused by the API.
MAX_WINDOW = 10_000

# The first value of a keyset position PostgreSQL search made (`SearchResult.after`), so
# neither backend ever reads the other's position as its own.
PG_AFTER = "pg"

FACETS = (
    "categories",
    "provinces",
    "stars",
    "price_ranges",
    "seller_kinds",
    "in_stock",
    "materials",
)


class SortField(enum.StrEnum):
    RELEVANCE = "relevance"
    PRICE = "price"
    NEWEST = "newest"
    STARS = "stars"
    RATING = "rating"


# Whether each sort is descending unless the caller says otherwise.
DEFAULT_DESCENDING = {
    SortField.RELEVANCE: True,
    SortField.PRICE: False,
    SortField.NEWEST: True,
    SortField.STARS: True,
    SortField.RATING: True,
}


@dataclass(frozen=True)
class PriceRange:
    """Inclusive bounds on the product's lowest price, in đồng."""

    gte: int | None
    lte: int | None

    @property
    def key(self) -> str:
        low = "" if self.gte is None else str(self.gte)
        high = "" if self.lte is None else str(self.lte)
        return f"{low}-{high}"

    @property
    def label(self) -> str:
        if self.gte is None and self.lte is not None:
            return f"Dưới {format_vnd(self.lte + 1)}"
        if self.lte is None and self.gte is not None:
            return f"Từ {format_vnd(self.gte)}"
        return f"{format_vnd(self.gte or 0)} – {format_vnd((self.lte or 0) + 1)}"


PRICE_RANGES = (
    PriceRange(None, 99_999),
    PriceRange(100_000, 199_999),
    PriceRange(200_000, 499_999),
    PriceRange(500_000, 999_999),
    PriceRange(1_000_000, None),
)


@dataclass(frozen=True)
class NetContentRange:
    """Net content bounds in the base unit of `unit` ("g" or "ml"; None: either)."""

    unit: str | None = None
    gte: float | None = None
    lte: float | None = None

    @property
    def active(self) -> bool:
        return self.gte is not None or self.lte is not None or self.unit is not None


@dataclass(frozen=True)
class SearchFilters:
    category_ids: tuple[int, ...] = ()
    province_codes: tuple[str, ...] = ()
    stars: tuple[int, ...] = ()
    price_gte: int | None = None
    price_lte: int | None = None
    seller_kinds: tuple[str, ...] = ()
    in_stock: bool | None = None
    # Attribute filters (search.attribute_filters): material slugs, net content bounds.
    materials: tuple[str, ...] = ()
    net_content: NetContentRange = field(default_factory=NetContentRange)
    # The page's own scope (a seller's stall, a collection's products): applied to the
    # matches themselves, so every facet counts inside it (they are not facets).
    seller_ids: tuple[int, ...] = ()
    product_ids: tuple[int, ...] | None = None

    def active(self) -> set[str]:
        """Names of the facets these filters narrow."""
        names = {
            "categories": bool(self.category_ids),
            "provinces": bool(self.province_codes),
            "stars": bool(self.stars),
            "price_ranges": self.price_gte is not None or self.price_lte is not None,
            "seller_kinds": bool(self.seller_kinds),
            "in_stock": self.in_stock is not None,
            "materials": bool(self.materials),
            "net_content": self.net_content.active,
        }
        return {name for name, on in names.items() if on}


@dataclass(frozen=True)
class SearchParams:
    query: str
    channel: Channel
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: SortField = SortField.RELEVANCE
    descending: bool | None = None
    offset: int = 0
    limit: int = 20
    with_facets: bool = True
    # The materials facet too (empty without it). On PostgreSQL it folds and matches every
    # match's material facts (about 4 of the statement's 20 ms at 7,360 matches), so the
    # API counts it only when a query asks for it.
    with_materials: bool = True
    with_suggestions: bool = True
    with_highlights: bool = True
    # After a position, also count the hits before the page (up to a page and one; see
    # SearchResult.before_count): the web's "previous" link needs it, the API does not.
    with_before_count: bool = False
    # Continue after this hit's sort values (`SearchResult.after`) instead of skipping
    # `offset` hits; each backend reads only the positions it made (see PG_AFTER).
    search_after: tuple[Any, ...] | None = None
    # The page just BEFORE this hit's sort values (`SearchResult.before`), in the normal
    # order: a "previous" link by keyset, never by offset. Ignored when `search_after` is set.
    search_before: tuple[Any, ...] | None = None

    @property
    def elasticsearch_after(self) -> tuple[Any, ...] | None:
        """`search_after` if Elasticsearch made it (not PostgreSQL's keyset, `PG_AFTER`)."""
        return _elasticsearch_position(self.search_after)

    @property
    def elasticsearch_before(self) -> tuple[Any, ...] | None:
        """`search_before` if Elasticsearch made it, and no `search_after` was asked for."""
        if self.search_after is not None:
            return None
        return _elasticsearch_position(self.search_before)

    @property
    def is_descending(self) -> bool:
        return DEFAULT_DESCENDING[self.sort] if self.descending is None else self.descending


def _elasticsearch_position(values: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    return None if values is None or values[:1] == (PG_AFTER,) else values


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False
    gte: int | None = None
    lte: int | None = None


@dataclass
class Suggestion:
    text: str
    kind: str  # "product" or "province"
    product_id: int | None = None
    slug: str | None = None
    province_code: str | None = None
    legacy_name: str | None = None


@dataclass
class Hit:
    product_id: int
    score: float | None = None
    # field ("name", "description") → HTML snippet with <em> around matches.
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestions: list[Suggestion] = field(default_factory=list)
    backend: str = "elasticsearch"
    # True when no product matched every word and typo-tolerant matching answered.
    fuzzy: bool = False
    # Elasticsearch: the sort values of the page's last hit (before the listing re-check),
    # to pass as `search_after` for the next page (PostgreSQL's start with PG_AFTER).
    after: tuple[Any, ...] | None = None
    # The sort values of the page's first hit, to pass as `search_before` for the page
    # before it; and how many hits come before this page, where the backend knows it for
    # free (the first page: 0; a page by offset: the offset; a page before a position: up to
    # one more than the page size, so a caller knows whether the page before is the first);
    # None after a position (some do), unless `with_before_count` asked to count them.
    before: tuple[Any, ...] | None = None
    before_count: int | None = 0

    @property
    def more_before(self) -> bool:
        """Whether any hit comes before this page (False: this is the first page)."""
        return self.before_count != 0

    @property
    def product_ids(self) -> list[int]:
        return [hit.product_id for hit in self.hits]
