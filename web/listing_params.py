"""A listing page's query string → `search.params.SearchParams`, leniently: the web reads
what a visitor (or a shared link) may have typed, so an unknown value is ignored, never an
error page.

Pagination is by keyset, on both backends: "next" and "previous" links carry an opaque
`cursor`, signed with `django.core.signing` (salted for this use, no timestamp, so a page
has one address however often it is reached), holding a direction and
the sort values of a hit, as the backend that answered gave them (Elasticsearch: the sort
keys, then product_id; PostgreSQL: its `PG_AFTER` tag, the sort column, then the id):
- "next" carries the page's last hit ("a": passed back as `search_after`);
- "previous" carries the page's first hit ("b": passed back as `search_before`, the page
  just before it), and no cursor at all when the page before is the first page.
So a page costs the same at any depth, and a product added or removed between clicks
never makes a page skip or repeat the rows around the position. Each cursor also carries
the page's offset ("o"), for the "25–48" counter only; the query uses it only when the
position cannot be used (the cursor was made for another sort, or by the other backend,
e.g. while Elasticsearch was down). A cursor's position applies only to the sort it was
made for. A cursor that was tampered with, or is not ours, reads as the first page —
never an error. (The collection page in the curators' order is not a search sort: it
pages by offset, see web.views.collection_listing.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.core import signing
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
# The collection page's own first sort: the officers' order (see web.views.collection).
COLLECTION_ORDER = "collection"
COLLECTION_SORT_LABEL = _("Curators' order")
SELLER_KIND_CODES = ("HTX", "THT", "DN", "HKD")
CURSOR_SALT = "web.listing.position"


MAX_CURSOR_LENGTH = 400
# Sort values a search_after may hold: the sort keys are a few numbers or a date, then the id.
MAX_AFTER_VALUES = 4


@dataclass(frozen=True)
class Cursor:
    offset: int = 0  # for the counter (and when the position does not apply)
    after: tuple[Any, ...] | None = None  # the backend's search_after, for `sort`
    sort: str = ""
    before: tuple[Any, ...] | None = None  # the backend's search_before, for `sort`


def encode_cursor(
    offset: int,
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    sort: str = "",
) -> str:
    """An opaque, signed position (see the module docstring): after the hit with sort
    values `after`, or before the one with `before` (not both)."""
    data: dict[str, Any] = {"o": offset}
    if after is not None:
        data.update(a=list(after), s=sort)
    elif before is not None:
        data.update(b=list(before), s=sort)
    return signing.Signer(salt=CURSOR_SALT).sign_object(data, compress=True)


def _values(value: Any) -> tuple[Any, ...] | None:
    """Sort values as a cursor may hold them, or None."""
    if (
        isinstance(value, list)
        and 0 < len(value) <= MAX_AFTER_VALUES
        and all(_scalar(v) for v in value)
    ):
        return tuple(value)
    return None


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (int, float, str))


def decode_cursor(value: str | None) -> Cursor:
    """The position a cursor stands for; the first page for a missing or forged one."""
    if not value or len(value) > MAX_CURSOR_LENGTH:
        return Cursor()
    try:
        data = signing.Signer(salt=CURSOR_SALT).unsign_object(value)
    except signing.BadSignature:
        return Cursor()
    offset = data.get("o") if isinstance(data, dict) else None
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        return Cursor()
    after, before, sort = _values(data.get("a")), _values(data.get("b")), data.get("s")
    if isinstance(sort, str) and after is not None:
        return Cursor(offset=min(offset, MAX_WINDOW), after=after, sort=sort)
    if isinstance(sort, str) and before is not None:
        return Cursor(offset=min(offset, MAX_WINDOW), before=before, sort=sort)
    return Cursor(offset=min(offset, MAX_WINDOW))


@dataclass(frozen=True)
class ListingQuery:
    text: str
    stars: tuple[int, ...]
    province: str
    price: str  # a PRICE_RANGES key ("100000-199999"), or ""
    in_stock: bool
    sort: str
    offset: int
    per_page: int
    category: int | None = None  # a product group (category id)
    kind: str = ""  # a producer type (Seller.kind), or ""
    material: str = ""  # a material (the `material` attribute's choice slug), or ""
    after: tuple[Any, ...] | None = None  # the backend's search_after (module docstring)
    before: tuple[Any, ...] | None = None  # the backend's search_before (module docstring)


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value or "")
    except ValueError:
        return default
    return min(max(number, low), high)


def read_query(data: QueryDict | Mapping[str, str], *, default_sort: str = "") -> ListingQuery:
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
    if sort not in SORTS and not (sort == COLLECTION_ORDER == default_sort):
        sort = "relevance" if text else (default_sort or "newest")
    per_page = _int(data.get("per_page"), DEFAULT_PAGE_SIZE, 1, MAX_LIMIT)
    cursor = decode_cursor(data.get("cursor"))
    offset = min(cursor.offset, MAX_WINDOW - per_page)
    category = _int(data.get("category"), 0, 0, 2**31 - 1) or None
    kind = str(data.get("kind") or "")
    material = str(data.get("material") or "").strip()
    return ListingQuery(
        text=text,
        stars=stars,
        province=str(data.get("province") or "").strip()[:4],
        price=price,
        in_stock=data.get("in_stock") == "1",
        sort=sort,
        offset=max(offset, 0),
        per_page=per_page,
        category=category,
        kind=kind if kind in SELLER_KIND_CODES else "",
        material=material[:100] if re.fullmatch(r"[a-z0-9-]*", material) else "",
        after=cursor.after if cursor.sort == sort and offset == cursor.offset else None,
        before=cursor.before if cursor.sort == sort and offset == cursor.offset else None,
    )


def search_params(
    query: ListingQuery, channel: Channel, *, filters: SearchFilters | None = None
) -> SearchParams:
    """The search the page runs; `filters` are the page's own (its category or province)."""
    base = filters or SearchFilters()
    price = next((r for r in PRICE_RANGES if r.key == query.price), None)
    province_codes = base.province_codes or ((query.province,) if query.province else ())
    category_ids = base.category_ids or ((query.category,) if query.category else ())
    field, descending, _label = SORTS.get(query.sort, SORTS["newest"])
    return SearchParams(
        query=query.text,
        channel=channel,
        filters=replace(
            base,
            province_codes=province_codes,
            category_ids=category_ids,
            seller_kinds=base.seller_kinds or ((query.kind,) if query.kind else ()),
            stars=query.stars,
            price_gte=price.gte if price else None,
            price_lte=price.lte if price else None,
            in_stock=True if query.in_stock else None,
            materials=(query.material,) if query.material else (),
        ),
        sort=field,
        descending=descending,
        offset=query.offset,
        limit=query.per_page,
        search_after=query.after,
        search_before=query.before,
        with_before_count=True,
        with_highlights=False,
    )
