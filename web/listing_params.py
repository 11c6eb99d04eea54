"""A listing page's query string → `search.params.SearchParams`, leniently: the web reads
what a visitor (or a shared link) may have typed, so an unknown value is ignored, never an
error page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalog.models import Channel
from search.params import (
    MAX_LIMIT,
    MAX_WINDOW,
    PRICE_RANGES,
    SearchFilters,
    SearchParams,
    SortField,
)

DEFAULT_PAGE_SIZE = 24
# What a search box keeps of what was typed (longer text finds nothing more).
MAX_SEARCH_TEXT_LENGTH = 200
STARS = (3, 4, 5)

# The sort menu: value in the query string → (field, descending, label).
SORTS: dict[str, tuple[SortField, bool | None, object]] = {
    "relevance": (SortField.RELEVANCE, None, _("Most relevant")),
    "newest": (SortField.NEWEST, None, _("Newest")),
    "price": (SortField.PRICE, False, _("Price: low to high")),
    "price-desc": (SortField.PRICE, True, _("Price: high to low")),
    "stars": (SortField.STARS, None, pgettext_lazy("sort", "Most stars")),
    "rating": (SortField.RATING, None, _("Best rated by buyers")),
}


@dataclass(frozen=True)
class ListingQuery:
    text: str
    stars: tuple[int, ...]
    province: str
    price: str  # a PRICE_RANGES key ("100000-199999"), or ""
    in_stock: bool
    sort: str
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value or "")
    except ValueError:
        return default
    return min(max(number, low), high)


def read_query(data: QueryDict | Mapping[str, str]) -> ListingQuery:
    if isinstance(data, QueryDict):
        star_values = data.getlist("stars")
    else:
        star_values = [data["stars"]] if "stars" in data else []
    text = str(data.get("q") or "").strip()[:MAX_SEARCH_TEXT_LENGTH]
    stars = tuple(sorted({int(s) for s in star_values if s in {"3", "4", "5"}}))
    price = str(data.get("price") or "")
    if price not in {r.key for r in PRICE_RANGES}:
        price = ""
    sort = str(data.get("sort") or "")
    if sort not in SORTS:
        sort = "relevance" if text else "newest"
    per_page = _int(data.get("per_page"), DEFAULT_PAGE_SIZE, 1, MAX_LIMIT)
    page = _int(data.get("page"), 1, 1, MAX_WINDOW // per_page)
    return ListingQuery(
        text=text,
        stars=stars,
        province=str(data.get("province") or "").strip()[:4],
        price=price,
        in_stock=data.get("in_stock") == "1",
        sort=sort,
        page=page,
        per_page=per_page,
    )


def search_params(
    query: ListingQuery, channel: Channel, *, filters: SearchFilters | None = None
) -> SearchParams:
    """The search the page runs; `filters` are the page's own (its category or province)."""
    base = filters or SearchFilters()
    price = next((r for r in PRICE_RANGES if r.key == query.price), None)
    province_codes = base.province_codes or ((query.province,) if query.province else ())
    field, descending, _label = SORTS[query.sort]
    return SearchParams(
        query=query.text,
        channel=channel,
        filters=replace(
            base,
            province_codes=province_codes,
            stars=query.stars,
            price_gte=price.gte if price else None,
            price_lte=price.lte if price else None,
            in_stock=True if query.in_stock else None,
        ),
        sort=field,
        descending=descending,
        offset=query.offset,
        limit=query.per_page,
        with_highlights=False,
    )
