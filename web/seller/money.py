"""The seller centre's money page: the payout ledger (`payments.payouts`) month by month —
sales, commission, the taxes withheld for a household business (Decree 117/2025), payouts
and the balance — and each month's statement as a CSV file Excel opens in Vietnamese, or
as an XLSX workbook."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from payments.models import LedgerEntry, LedgerEntryKind
from payments.payouts import balance, entries_for
from sellers.models import Seller, SellerKind
from web.areas import seller_area
from web.seller.spreadsheet import MIME as XLSX_MIME
from web.seller.spreadsheet import xlsx


@dataclass
class Month:
    """One month of the ledger, summed."""

    start: datetime.date
    sales: int = 0
    commission: int = 0
    withheld: int = 0
    reversals: int = 0
    payouts: int = 0
    net: int = 0
    entries: list[LedgerEntry] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.start.strftime("%Y-%m")


def month_of(entry: LedgerEntry) -> datetime.date:
    return timezone.localtime(entry.created_at).date().replace(day=1)


def months(seller: Seller) -> list[Month]:
    """The seller's ledger by month, newest first (each month's entries oldest first)."""
    by_month: dict[datetime.date, Month] = {}
    for entry in reversed(entries_for([seller.pk])):
        month = by_month.setdefault(month_of(entry), Month(month_of(entry)))
        month.entries.append(entry)
        month.net += entry.amount
        if entry.kind == LedgerEntryKind.EARNING:
            month.sales += entry.gross_amount
            month.commission += entry.commission_amount
            month.withheld += entry.vat_withheld_amount + entry.pit_withheld_amount
        elif entry.kind == LedgerEntryKind.PAYOUT:
            month.payouts -= entry.amount
        else:
            month.reversals -= entry.amount
    return sorted(by_month.values(), key=lambda m: m.start, reverse=True)


def _percent(rate: Any) -> Decimal:
    """0.005 → 0.5, 0.01 → 1 (no trailing zeros, no exponent)."""
    value = Decimal(str(rate)) * 100
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _withholding(seller: Seller) -> dict[str, Any] | None:
    if seller.kind != SellerKind.HKD:
        return None
    return {
        "vat": _percent(settings.OCOP_HOUSEHOLD_VAT_RATE),
        "pit": _percent(settings.OCOP_HOUSEHOLD_PIT_RATE),
    }


@require_GET
@seller_area
def money(request: HttpRequest, *, seller: Seller, membership: Any) -> HttpResponse:
    ledger = months(seller)
    chosen = request.GET.get("thang")
    current = next((m for m in ledger if m.key == chosen), ledger[0] if ledger else None)
    return render(
        request,
        "web/seller/money.html",
        {
            "seller": seller,
            "nav_current": "seller_money",
            "balance": balance(seller),
            "months": ledger,
            "current": current,
            "withholding": _withholding(seller),
        },
    )


def statement_rows(month: Month) -> list[list[object]]:
    """A month's statement: a header in the reader's language, one row per entry (oldest
    first, amounts as whole đồng), then the month's total."""
    rows: list[list[object]] = [
        [
            _("Date"),
            _("Entry"),
            _("Order"),
            _("Sales"),
            _("Commission"),
            _("VAT withheld"),
            _("PIT withheld"),
            _("Amount"),
            _("Reference"),
        ]
    ]
    for entry in month.entries:
        rows.append(
            [
                timezone.localtime(entry.created_at).strftime("%d/%m/%Y %H:%M"),
                str(entry.get_kind_display()),
                entry.order.number if entry.order else "",
                entry.gross_amount,
                entry.commission_amount,
                entry.vat_withheld_amount,
                entry.pit_withheld_amount,
                entry.amount,
                entry.reference,
            ]
        )
    rows.append([_("Total"), "", "", "", "", "", "", month.net, ""])
    return rows


def _month_or_404(seller: Seller, key: str) -> Month:
    found = next((m for m in months(seller) if m.key == key), None)
    if found is None:
        raise Http404
    return found


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@seller_area
def statement_csv(
    request: HttpRequest, month: str, *, seller: Seller, membership: Any
) -> HttpResponse:
    """One month's statement as CSV: UTF-8 with a byte-order mark (Excel then reads the
    Vietnamese right)."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out).writerows(statement_rows(_month_or_404(seller, month)))
    return _attachment(
        out.getvalue().encode("utf-8"),
        "text/csv; charset=utf-8",
        f"sao-ke-{seller.slug}-{month}.csv",
    )


@require_GET
@seller_area
def statement_xlsx(
    request: HttpRequest, month: str, *, seller: Seller, membership: Any
) -> HttpResponse:
    """One month's statement as an Excel workbook (amounts are numbers Excel can sum)."""
    rows = statement_rows(_month_or_404(seller, month))
    return _attachment(xlsx(month, rows), XLSX_MIME, f"sao-ke-{seller.slug}-{month}.xlsx")
