"""A session's report page (during the session and, final, after it): totals, units and
revenue per offer and per seller with bar charts beside their tables, the viewers' peak,
and two conversions — reminder sign-ups who bought, and buyers per peak viewer — plus the
same figures as CSV. Figures are `livestream.reports.build_report`'s."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from core.money import format_vnd
from livestream.models import Livestream
from livestream.reports import Report, build_report
from web.areas import host_area
from web.host.access import session_for
from web.officer.dashboard import chart
from web.officer.dashboard_export import percent


def viewer_conversion(report: Report, peak: int) -> float | None:
    """Buyers per viewer at the peak: how many of those watching bought (None: no viewer)."""
    return round(report.buyers / peak, 4) if peak else None


def offer_label(line: Any) -> str:
    return f"{line.offer.variant.product.name} · {line.offer.variant.name}"


def _context(session: Livestream) -> dict[str, Any]:
    report = build_report(session)
    peak = session.peak_viewers
    return {
        "session": session,
        "report": report,
        "peak_viewers": peak,
        "reminder_conversion": percent(report.conversion_rate),
        "viewer_conversion": percent(viewer_conversion(report, peak)),
        "offers_chart": chart(
            [(offer_label(line), line.revenue, format_vnd(line.revenue)) for line in report.offers]
        ),
        "sellers_chart": chart(
            [
                (
                    line.seller.stall_name if line.seller else "",
                    line.revenue,
                    format_vnd(line.revenue),
                )
                for line in report.sellers
            ]
        ),
    }


@require_GET
@host_area
def report_page(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    session, _can_run = session_for(request, pk)
    return render(
        request, "web/host/report.html", {"nav_current": "host_home", **_context(session)}
    )


def csv_rows(session: Livestream) -> list[list[object]]:
    context = _context(session)
    report: Report = context["report"]
    rows: list[list[object]] = [[_("Section"), _("Item"), _("Measure"), _("Value")]]
    total = pgettext("host console", "Session")
    rows += [
        [total, session.title, _("Orders"), report.orders],
        [total, session.title, _("Units"), report.units],
        [total, session.title, pgettext("host console", "Revenue (₫)"), report.revenue],
        [total, session.title, pgettext("host console", "Buyers"), report.buyers],
        [total, session.title, pgettext("host console", "Peak viewers"), context["peak_viewers"]],
        [
            total,
            session.title,
            pgettext("host console", "Reminder sign-ups"),
            report.reminder_signups,
        ],
        [
            total,
            session.title,
            pgettext("host console", "Sign-ups who bought"),
            report.converted_signups,
        ],
    ]
    for line in report.offers:
        for measure, value in (
            (_("Orders"), line.orders),
            (_("Units"), line.units),
            (pgettext("host console", "Revenue (₫)"), line.revenue),
            (pgettext("host console", "Units left"), line.remaining),
        ):
            rows.append([pgettext("host console", "Offer"), offer_label(line), measure, value])
    for seller_line in report.sellers:
        name = seller_line.seller.stall_name if seller_line.seller else ""
        for measure, value in (
            (_("Orders"), seller_line.orders),
            (_("Units"), seller_line.units),
            (pgettext("host console", "Revenue (₫)"), seller_line.revenue),
        ):
            rows.append([_("Producer"), name, measure, value])
    return rows


@require_GET
@host_area
def report_csv(request: HttpRequest, pk: int, *, can_host: bool) -> HttpResponse:
    """UTF-8 with a byte-order mark, as the programme dashboard's CSV (Excel reads it)."""
    session, _can_run = session_for(request, pk)
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out).writerows(csv_rows(session))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="livestream-{session.pk}.csv"'
    return response
