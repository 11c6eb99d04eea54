"""The programme dashboard's figures as a download: one long table (section, item, measure,
value), the same figures the page shows, in the reader's language; CSV in UTF-8 with a
byte-order mark (Excel then reads the Vietnamese right) and XLSX through the seller
centre's writer (`web.seller.spreadsheet`), whole numbers as numbers Excel can sum."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from places.models import Province
from programme.certified import Certified
from programme.figures import Figures
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


def export_rows(figures: Figures, province: Province | None) -> list[list[object]]:
    c, p, s = figures.certified, figures.producers, figures.sales
    scope = province.name if province else _("All provinces")
    rows: list[list[object]] = [
        [_("Section"), _("Item"), _("Measure"), _("Value")],
        [_("Scope"), scope, _("Day"), figures.today.strftime("%d/%m/%Y")],
    ]
    years = (
        (_("Certified in %(year)s") % {"year": c.year}, "this_year"),
        (_("Certified in %(year)s") % {"year": c.year - 1}, "last_year"),
        (_("With a valid certificate"), "valid_now"),
    )
    section = _("Certified products by stars")
    for row in [*c.by_stars, c.total]:
        item = f"{row.key}★" if row.key else _("All")
        rows += [[section, item, label, getattr(row, attr)] for label, attr in years]
    section = _("Certified products by product group")
    for row in c.by_group:
        rows += [
            [section, group_label(c, row.key), label, getattr(row, attr)] for label, attr in years
        ]
    rows.append([_("Listed on the marketplace"), _("All"), _("Products"), c.listed])
    rows.append([_("Listed on the marketplace"), _("All"), _("Share"), percent(c.listed_share)])
    section = _("Valid certificates by pre-2025 province")
    for legacy in figures.legacy:
        old = legacy.legacy or _("Not named on the certificate")
        rows.append([section, f"{legacy.province} / {old}", _("Certificates"), legacy.certificates])
    section = _("OCOP producers by type")
    for kind, n in p.by_kind.items():
        rows.append([section, str(SELLER_KINDS[kind]), _("Producers"), n])
    rows.append([section, _("All"), _("Producers"), p.total])
    rows.append(
        [section, _("Cooperative share (target ≥ 40%)"), _("Share"), percent(p.cooperative_share)]
    )
    rows.append(
        [section, _("Enterprise share (target ≥ 30%)"), _("Share"), percent(p.enterprise_share)]
    )
    m = figures.modern_channels
    section = _("Selling on modern channels (target ≥ 50%)")
    rows += [
        [section, _("Selling producers"), _("Producers"), m.selling],
        [section, _("OCOP producers"), _("Producers"), m.producers],
        [section, _("Share"), _("Share"), percent(m.share)],
    ]
    h = figures.certificates
    section = _("Certificates")
    rows += [
        [section, _("Expiring within 90 days"), _("Certificates"), h.expiring_90],
        [section, _("Expiring within 180 days"), _("Certificates"), h.expiring_180],
        [section, _("Expired"), _("Certificates"), h.expired],
        [section, _("Revoked"), _("Certificates"), h.revoked],
        [section, _("Potential 5★ (score ≥ 90)"), _("Certificates"), figures.pipeline.count],
    ]
    sales_measures = (
        (_("Orders"), "orders"),
        (_("Units"), "units"),
        (_("Revenue (đồng)"), "revenue"),
    )
    section = _("Sales by month")
    for row in [*s.by_month]:
        item = f"{row.key[5:]}/{row.key[:4]}"
        rows += [[section, item, label, getattr(row, attr)] for label, attr in sales_measures]
    rows += [[section, _("All"), label, getattr(s.total, attr)] for label, attr in sales_measures]
    for section, listed in (
        (_("Top products"), s.top_products),
        (_("Top producers"), s.top_producers),
        (_("Livestreams"), s.live_sessions),
    ):
        for row in listed:
            item = f"{row.name} ({row.detail})" if row.detail else row.name
            rows += [[section, item, label, getattr(row, attr)] for label, attr in sales_measures]
    section = _("Livestreams")
    rows.append([section, _("All"), _("Sessions"), s.live_session_count])
    rows += [
        [section, _("All"), label, getattr(s.live_total, attr)] for label, attr in sales_measures
    ]
    return rows


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
