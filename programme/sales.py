"""The programme's sales figures: orders, units and revenue by month, the top products and
producers, and livestream results, over the last `MONTHS` calendar months (this one
included), for the producers of a province (None: the whole country).

Definitions:
- a sale is an order line of an order of a producer in scope, placed (`Order.created_at`,
  months in Vietnam time) on or after the first day of the window, whose order is not a
  draft, expired, cancelled or returned (`certified.NOT_SALES`);
- orders: distinct orders; units: the lines' quantities; revenue: the lines' totals (the
  goods, in đồng, without delivery);
- top products are read through the line's variant (lines whose variant was deleted are
  left out of that table, not of the totals); top producers by the order's producer;
- livestream results: confirmed live-offer claims (`livestream.reports`' definitions) of
  the scope's producers, in sessions starting within the window; orders: distinct order
  ids, a claim without an order id counting as one order.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from livestream.models import ClaimStatus, LiveOfferClaim
from orders.models import OrderLine
from programme.certified import NOT_SALES

MONTHS = 12
TOP = 10


@dataclass(frozen=True)
class SalesRow:
    """One month, product, producer or livestream: orders, units and revenue (đồng)."""

    key: str  # a month "YYYY-MM", a product or producer or session id
    name: str
    orders: int
    units: int
    revenue: int
    detail: str = ""  # the producer of a product, the day of a session


@dataclass(frozen=True)
class Sales:
    since: datetime.date
    by_month: list[SalesRow]
    total: SalesRow
    top_products: list[SalesRow]
    top_producers: list[SalesRow]
    live_sessions: list[SalesRow]
    live_total: SalesRow
    live_session_count: int


def window_start(today: datetime.date) -> datetime.date:
    """The first day of the month `MONTHS - 1` months before `today`'s."""
    index = today.year * 12 + today.month - 1 - (MONTHS - 1)
    return datetime.date(index // 12, index % 12 + 1, 1)


def _months(since: datetime.date) -> list[datetime.date]:
    index = since.year * 12 + since.month - 1
    return [datetime.date((index + n) // 12, (index + n) % 12 + 1, 1) for n in range(MONTHS)]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def sale_lines(province_id: int | None, since: datetime.date) -> QuerySet[OrderLine]:
    lines = OrderLine.objects.filter(order__created_at__gte=_aware(since)).exclude(
        order__status__in=NOT_SALES
    )
    if province_id is not None:
        lines = lines.filter(order__seller__province_id=province_id)
    return lines


SUMS: dict[str, Any] = {
    "orders": Count("order", distinct=True),
    "units": Sum("quantity"),
    "revenue": Sum("total_price_amount"),
}


def _row(key: str, name: str, found: dict[str, Any] | None, detail: str = "") -> SalesRow:
    found = found or {}
    return SalesRow(
        key,
        name,
        int(found.get("orders") or 0),
        int(found.get("units") or 0),
        int(found.get("revenue") or 0),
        detail,
    )


def _live(province_id: int | None, since: datetime.date) -> tuple[list[SalesRow], SalesRow, int]:
    """Two aggregate queries: per session (the top `TOP` by revenue) and the totals."""
    claims = LiveOfferClaim.objects.filter(
        status=ClaimStatus.CONFIRMED, offer__livestream__starts_at__gte=_aware(since)
    )
    if province_id is not None:
        claims = claims.filter(offer__seller__province_id=province_id)
    counts = {
        "with_id": Count("order_id", distinct=True, filter=~Q(order_id="")),
        "without": Count("pk", filter=Q(order_id="")),
        "units": Sum("quantity"),
        "revenue": Sum(F("quantity") * F("unit_price")),
    }
    sessions = (
        claims.values("offer__livestream_id", "offer__livestream__title")
        .annotate(starts=F("offer__livestream__starts_at"), **counts)
        .order_by("-revenue", "offer__livestream_id")[:TOP]
    )

    def row(key: str, name: str, found: dict[str, Any], detail: str = "") -> SalesRow:
        orders = int(found["with_id"] or 0) + int(found["without"] or 0)
        return _row(key, name, {**found, "orders": orders}, detail)

    rows = [
        row(
            str(s["offer__livestream_id"]),
            s["offer__livestream__title"],
            s,
            timezone.localtime(s["starts"]).strftime("%d/%m/%Y"),
        )
        for s in sessions
    ]
    totals = claims.aggregate(sessions=Count("offer__livestream", distinct=True), **counts)
    return rows, row("", "", totals), int(totals["sessions"] or 0)


def sales(province_id: int | None, today: datetime.date) -> Sales:
    """Five aggregate queries (the totals are the months' sums: an order falls in one
    month)."""
    since = window_start(today)
    lines = sale_lines(province_id, since)
    zone = ZoneInfo(settings.TIME_ZONE)
    monthly = {
        row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]: row
        for row in lines.annotate(month=TruncMonth("order__created_at", tzinfo=zone))
        .values("month")
        .annotate(**SUMS)
    }
    products = (
        lines.filter(variant__isnull=False)
        .values("variant__product_id", "variant__product__name", "order__seller__stall_name")
        .annotate(**SUMS)
        .order_by("-revenue", "variant__product_id")[:TOP]
    )
    producers = (
        lines.values("order__seller_id", "order__seller__stall_name")
        .annotate(**SUMS)
        .order_by("-revenue", "order__seller_id")[:TOP]
    )
    live_rows, live_total, live_count = _live(province_id, since)
    by_month = [_row(m.strftime("%Y-%m"), "", monthly.get(m)) for m in _months(since)]
    return Sales(
        since=since,
        by_month=by_month,
        total=SalesRow(
            "",
            "",
            sum(m.orders for m in by_month),
            sum(m.units for m in by_month),
            sum(m.revenue for m in by_month),
        ),
        top_products=[
            _row(
                str(p["variant__product_id"]),
                p["variant__product__name"],
                p,
                p["order__seller__stall_name"],
            )
            for p in products
        ],
        top_producers=[
            _row(str(p["order__seller_id"]), p["order__seller__stall_name"], p) for p in producers
        ],
        live_sessions=live_rows,
        live_total=live_total,
        live_session_count=live_count,
    )
