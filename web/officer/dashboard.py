"""The officer console's programme dashboard (`/can-bo/so-lieu/`): the figures a provincial
OCOP office reports against Decision 919 (`programme.figures`), for the officer's province
(national viewers: the whole country, or one province with `?tinh=<code>`), with bar charts
drawn as inline SVG on the server (each beside the table it draws, which is what screen
readers read) and the same figures as CSV and XLSX (`web.officer.dashboard_export`).

An officer's `?tinh=` is ignored: `queues.chosen_province` answers the officer's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from catalog.listing import today
from core.money import format_vnd
from places.models import Province
from programme.certified import (
    COOPERATIVE_TARGET,
    ENTERPRISE_TARGET,
    MODERN_CHANNEL_TARGET,
    RECENT_ORDER_DAYS,
)
from programme.figures import Figures, programme_figures
from programme.sales import MONTHS
from web.areas import officer_area
from web.channel import storefront_channel
from web.labels import SELLER_KINDS
from web.officer.dashboard_export import export_csv, export_xlsx, group_label, percent
from web.officer.queues import chosen_province

BAR_HEIGHT = 32  # px per bar of a chart: its label line, the bar and a gap


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    shown: str  # the value as the table shows it
    width: str  # of the chart's width, the largest bar "100%" (an empty bar: a 1 px tick)
    label_y: str
    bar_y: str


LABEL_CHARACTERS = 38  # a chart label longer than this is cut (its table has it whole)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def chart(rows: list[tuple[str, int, str]]) -> dict[str, Any]:
    """Bars for (label, value, shown) rows, scaled to the largest value."""
    top = max((value for _, value, _ in rows), default=0)
    # Numbers as text here: the template would localise them ("12,5" in Vietnamese).
    bars = [
        Bar(
            _short(label),
            value,
            shown,
            f"{100 * value / top:.1f}%" if value and top else "1",
            str(n * BAR_HEIGHT + 12),
            str(n * BAR_HEIGHT + 16),
        )
        for n, (label, value, shown) in enumerate(rows)
    ]
    return {"bars": bars, "height": max(len(bars), 1) * BAR_HEIGHT}


def _scope(request: HttpRequest, province_id: int | None) -> tuple[Province | None, int | None]:
    chosen = chosen_province(request, province_id)
    return chosen, chosen.pk if chosen is not None else province_id


def figures_for(request: HttpRequest, province_id: int | None) -> tuple[Figures, Province | None]:
    chosen, scope = _scope(request, province_id)
    return programme_figures(scope, today(), storefront_channel()), chosen


def _context(figures: Figures) -> dict[str, Any]:
    certified, producers, sales = figures.certified, figures.producers, figures.sales
    return {
        "f": figures,
        "stars_chart": chart(
            [(f"{r.key}★", r.valid_now, str(r.valid_now)) for r in certified.by_stars]
        ),
        "groups": [(group_label(certified, r.key), r) for r in certified.by_group],
        "groups_chart": chart(
            [
                (group_label(certified, r.key), r.valid_now, str(r.valid_now))
                for r in certified.by_group
            ]
        ),
        "kinds": [(SELLER_KINDS[k], k, n) for k, n in producers.by_kind.items()],
        "kinds_chart": chart(
            [(str(SELLER_KINDS[k]), n, str(n)) for k, n in producers.by_kind.items()]
        ),
        "cooperative_share": percent(producers.cooperative_share),
        "enterprise_share": percent(producers.enterprise_share),
        "cooperative_met": (producers.cooperative_share or 0) >= COOPERATIVE_TARGET,
        "enterprise_met": (producers.enterprise_share or 0) >= ENTERPRISE_TARGET,
        "modern_share": percent(figures.modern_channels.share),
        "modern_met": (figures.modern_channels.share or 0) >= MODERN_CHANNEL_TARGET,
        "listed_share": percent(certified.listed_share),
        "months_chart": chart(
            [(f"{r.key[5:]}/{r.key[:4]}", r.revenue, format_vnd(r.revenue)) for r in sales.by_month]
        ),
        "months": [(f"{r.key[5:]}/{r.key[:4]}", r) for r in sales.by_month],
        "top_tables": [
            (_("Top products"), sales.top_products, "top-products"),
            (_("Top producers"), sales.top_producers, "top-producers"),
        ],
        "recent_days": RECENT_ORDER_DAYS,
        "window_months": MONTHS,
    }


@require_GET
@officer_area
def officer_dashboard(request: HttpRequest, province_id: int | None) -> HttpResponse:
    figures, chosen = figures_for(request, province_id)
    query = f"?tinh={chosen.code}" if province_id is None and chosen is not None else ""
    context = {
        **_context(figures),
        "nav_current": "officer_dashboard",
        "province": chosen if province_id is not None else None,
        "national": province_id is None,
        "provinces": list(Province.objects.order_by("name")) if province_id is None else [],
        "chosen": chosen,
        "export_query": query,
        "generated_at": timezone.localtime(),
    }
    return render(request, "web/officer/dashboard.html", context)


@require_GET
@officer_area
def officer_dashboard_csv(request: HttpRequest, province_id: int | None) -> HttpResponse:
    figures, chosen = figures_for(request, province_id)
    return export_csv(figures, chosen)


@require_GET
@officer_area
def officer_dashboard_xlsx(request: HttpRequest, province_id: int | None) -> HttpResponse:
    figures, chosen = figures_for(request, province_id)
    return export_xlsx(figures, chosen)
