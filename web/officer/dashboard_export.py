"""The programme dashboard's figures as a download: one long table (section, item, measure,
value), the same figures the page shows, in the reader's language; CSV in UTF-8 with a
byte-order mark (Excel then reads the Vietnamese right) and XLSX through the seller
centre's writer (`web.seller.spreadsheet`), whole numbers as numbers Excel can sum."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from places.models import Province
from programme.certified import Certified
from programme.figures import Figures
from programme.sales import Sales, SalesRow
from web.labels import SELLER_KINDS
from web.seller.spreadsheet import MIME as XLSX_MIME
from web.seller.spreadsheet import xlsx


def percent(value: float | None) -> str:
    """0.4166 → "42%"; None (nothing to divide by) → "—"."""
    return "—" if value is None else f"{round(value * 100)}%"


def group_label(certified: Certified, code: str) -> str:
    if not code:
        return _("Group not recorded")
    vi, en = certified.group_names.get(code, (code, code))
    return vi if (get_language() or "vi").startswith("vi") else en


def _certified_rows(figures: Figures) -> list[list[object]]:
    c = figures.certified
    years = (
        (_("Certified in %(year)s") % {"year": c.year}, "this_year"),
        (_("Certified in %(year)s") % {"year": c.year - 1}, "last_year"),
        (_("With a valid certificate"), "valid_now"),
    )
    rows: list[list[object]] = []
    section = _("Certified products by stars")
    for row in [*c.by_stars, c.total]:
        item = f"{row.key}★" if row.key else _("All")
        rows += [[section, item, label, getattr(row, attr)] for label, attr in years]
    section = _("Certified products by product group")
    for row in c.by_group:
        item = group_label(c, row.key)
        rows += [[section, item, label, getattr(row, attr)] for label, attr in years]
    rows.append([_("Listed on the marketplace"), _("All"), _("Products"), c.listed])
    rows.append([_("Listed on the marketplace"), _("All"), _("Share"), percent(c.listed_share)])
    section = _("Valid certificates by pre-2025 province")
    for legacy in figures.legacy:
        old = legacy.legacy or _("Not named on the certificate")
        rows.append([section, f"{legacy.province} / {old}", _("Certificates"), legacy.certificates])
    return rows


def _producer_rows(figures: Figures) -> list[list[object]]:
    p, m, h = figures.producers, figures.modern_channels, figures.certificates
    section = _("OCOP producers by type")
    rows: list[list[object]] = [
        [section, str(SELLER_KINDS[kind]), _("Producers"), n] for kind, n in p.by_kind.items()
    ]
    rows += [
        [section, _("All"), _("Producers"), p.total],
        [section, _("Cooperative share (target ≥ 40%)"), _("Share"), percent(p.cooperative_share)],
        [section, _("Enterprise share (target ≥ 30%)"), _("Share"), percent(p.enterprise_share)],
    ]
    section = _("Selling on modern channels (target ≥ 50%)")
    rows += [
        [section, _("Selling producers"), _("Producers"), m.selling],
        [section, _("OCOP producers"), _("Producers"), m.producers],
        [section, _("Share"), _("Share"), percent(m.share)],
    ]
    section = _("Certificates")
    rows += [
        [section, _("Expiring within 90 days"), _("Certificates"), h.expiring_90],
        [section, _("Expiring within 180 days"), _("Certificates"), h.expiring_180],
        [section, pgettext("certificate", "Expired"), _("Certificates"), h.expired],
        [section, _("Revoked"), _("Certificates"), h.revoked],
        [section, _("Potential 5★ (score ≥ 90)"), _("Certificates"), figures.pipeline.count],
    ]
    return rows


def _sales_rows(sales: Sales) -> list[list[object]]:
    measures = ((_("Orders"), "orders"), (_("Units"), "units"), (_("Revenue (đồng)"), "revenue"))

    def measured(section: str, item: str, row: SalesRow) -> list[list[object]]:
        return [[section, item, label, getattr(row, attr)] for label, attr in measures]

    rows: list[list[object]] = []
    section = _("Sales by month")
    for month in sales.by_month:
        rows += measured(section, f"{month.key[5:]}/{month.key[:4]}", month)
    rows += measured(section, _("All"), sales.total)
    for section, listed in (
        (_("Top products"), sales.top_products),
        (_("Top producers"), sales.top_producers),
        (_("Livestream sessions"), sales.live_sessions),
    ):
        for row in listed:
            rows += measured(section, f"{row.name} ({row.detail})" if row.detail else row.name, row)
    section = _("Livestreams")
    rows.append([section, _("All"), _("Sessions"), sales.live_session_count])
    rows += measured(section, _("All"), sales.live_total)
    return rows


def export_rows(figures: Figures, province: Province | None) -> list[list[object]]:
    """A header, the scope and day, then every figure the page shows, one value a row."""
    scope = province.name if province else _("All provinces")
    return [
        [_("Section"), _("Item"), _("Measure"), _("Value")],
        [_("Scope"), scope, _("Day"), figures.today.strftime("%d/%m/%Y")],
        *_certified_rows(figures),
        *_producer_rows(figures),
        *_sales_rows(figures.sales),
    ]


def _filename(figures: Figures, province: Province | None, extension: str) -> str:
    scope = province.code if province else "ca-nuoc"
    return f"so-lieu-ocop-{scope}-{figures.today.isoformat()}.{extension}"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_csv(figures: Figures, province: Province | None) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out).writerows(export_rows(figures, province))
    return _attachment(
        out.getvalue().encode("utf-8"),
        "text/csv; charset=utf-8",
        _filename(figures, province, "csv"),
    )


def export_xlsx(figures: Figures, province: Province | None) -> HttpResponse:
    content = xlsx(_("Programme figures"), export_rows(figures, province))
    return _attachment(content, XLSX_MIME, _filename(figures, province, "xlsx"))
