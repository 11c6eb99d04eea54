"""An order's packing slip (A5, goes in the parcel) and shipping label (100 × 150 mm, the
size thermal label printers take), as PDF, for the stall's own orders only.

What a courier needs comes first on the label: the receiver with the full address, the
amount to collect on delivery, and a QR code (of the tracking number once shipped, which
the carriers' apps scan, else of the order number). Times are Viet Nam time; money is
"120.000 ₫" (Roboto has every Vietnamese letter and the đồng sign)."""

from __future__ import annotations

import logging
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from checkout.models import Address
from core.money import format_vnd
from orders.models import Order, OrderLine, OrderStatus, PaymentGatewayId
from sellers.models import Seller
from web.areas import seller_area
from web.pdf import FONT, draw_qr, new_document, pdf_response

# fontTools logs each font subset at INFO, a screenful per document; only its problems matter.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

# Tests turn compression off to read the text back out of the document.
COMPRESS = True
LABEL_SIZE = (100.0, 150.0)  # millimetres, portrait
QR_SIZE = 35.0  # mm: scanned from a phone at arm's length
A5 = (148.0, 210.0)


def _own_order(seller: Seller, order_id: Any) -> Order:
    """The stall's order with its address, stall address and lines (two queries); another
    stall's order is not found."""
    return get_object_or_404(
        Order.objects.select_related(
            "shipping_address",
            "shipping_address__ward",
            "shipping_address__province",
            "seller__ward",
            "seller__province",
        ).prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.order_by("product_name", "pk"))
        ),
        pk=order_id,
        seller=seller,
    )


def amount_to_collect(order: Order) -> int:
    """What the courier collects from the buyer: the unpaid rest of a cash-on-delivery
    order; nothing for a card order or a cancelled one."""
    if order.payment_gateway != PaymentGatewayId.COD or _is_cancelled(order):
        return 0
    return max(order.total_amount - order.charged_amount, 0)


def _is_cancelled(order: Order) -> bool:
    return order.status in (OrderStatus.CANCELED, OrderStatus.EXPIRED)


def buyer_name(address: Address | None) -> str:
    if address is None:
        return ""
    return " ".join(p for p in (address.first_name, address.last_name) if p)


def address_lines(address: Address | None) -> list[str]:
    """Street, then ward and province (the checked units' names when the text is empty)."""
    if address is None:
        return []
    street = ", ".join(p for p in (address.street_address_1, address.street_address_2) if p)
    ward = address.city or (str(address.ward) if address.ward else "")
    province = address.country_area or (address.province.full_name if address.province else "")
    return [line for line in (street, ", ".join(p for p in (ward, province) if p)) if line]


def stall_address(seller: Seller) -> str:
    parts = [seller.street_address, str(seller.ward) if seller.ward else "", seller.province.name]
    return ", ".join(p for p in parts if p)


def _placed(order: Order) -> str:
    return timezone.localtime(order.created_at).strftime("%d/%m/%Y %H:%M")


def _document(**kwargs: Any) -> FPDF:
    pdf = new_document(**kwargs)
    pdf.set_compression(COMPRESS)
    pdf.add_page()
    return pdf


def _line(
    pdf: FPDF,
    text: str,
    *,
    size: float = 10,
    bold: bool = False,
    align: str = "L",
    width: float = 0,
) -> None:
    """A paragraph at the left margin, `width` mm wide (0: to the right margin), wrapped."""
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(width, size * 0.45, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _cancelled_banner(pdf: FPDF, order: Order) -> None:
    if _is_cancelled(order):
        _line(pdf, _("CANCELLED — do not ship"), size=14, bold=True, align="C")
        pdf.ln(2)


def packing_slip(order: Order) -> FPDF:
    pdf = _document(format=A5, margin=10)
    seller, address = order.seller, order.shipping_address
    pdf.set_title(_("Packing slip #%(number)s") % {"number": order.number})
    _line(pdf, seller.stall_name, size=13, bold=True)
    _line(pdf, stall_address(seller), size=9)
    if seller.phone:
        _line(pdf, seller.phone, size=9)
    pdf.ln(3)
    _cancelled_banner(pdf, order)
    _line(pdf, _("Packing slip #%(number)s") % {"number": order.number}, size=14, bold=True)
    _line(pdf, _("Placed %(time)s") % {"time": _placed(order)}, size=9)
    pdf.ln(3)
    _line(pdf, _("Deliver to"), bold=True)
    for text in (buyer_name(address), address.phone if address else "", *address_lines(address)):
        if text:
            _line(pdf, text)
    pdf.ln(3)
    pdf.set_font(FONT, "", 9)
    with pdf.table(
        col_widths=(58, 12, 28, 30),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        line_height=5,
        first_row_as_headings=True,
    ) as table:
        table.row((_("Product"), pgettext("quantity, short", "Qty"), _("Unit price"), _("Amount")))
        for line in order.lines.all():
            name = line.product_name + (f" — {line.variant_name}" if line.variant_name else "")
            table.row(
                (
                    name,
                    str(line.quantity),
                    format_vnd(line.unit_price_amount),
                    format_vnd(line.total_price_amount),
                )
            )
    pdf.ln(2)
    delivery = _("Delivery")
    if order.shipping_method_name:
        delivery += f" ({order.shipping_method_name})"
    _line(pdf, f"{delivery}: {format_vnd(order.shipping_price_amount)}", align="R")
    total = pgettext("grand total", "Total")
    _line(pdf, f"{total}: {format_vnd(order.total_amount)}", bold=True, align="R")
    pdf.ln(3)
    _line(pdf, f"{_('Payment')}: {order.get_payment_gateway_display()}")
    _line(pdf, _payment_line(order), size=12, bold=True)
    if order.customer_note:
        pdf.ln(2)
        _line(pdf, f"{_('Buyer’s note')}: {order.customer_note}", size=9)
    return pdf


def _payment_line(order: Order) -> str:
    collect = amount_to_collect(order)
    if collect:
        return _("Collect on delivery: %(amount)s") % {"amount": format_vnd(collect)}
    return _("Nothing to collect on delivery")


def shipping_label(order: Order) -> FPDF:
    pdf = _document(format=LABEL_SIZE, margin=5)
    pdf.set_auto_page_break(auto=False)
    seller, address = order.seller, order.shipping_address
    pdf.set_title(_("Shipping label #%(number)s") % {"number": order.number})
    _cancelled_banner(pdf, order)
    _line(pdf, pgettext("shipping label", "From"), size=8, bold=True)
    _line(pdf, f"{seller.stall_name}" + (f" · {seller.phone}" if seller.phone else ""), size=9)
    _line(pdf, stall_address(seller), size=8)
    pdf.ln(1)
    pdf.line(5, pdf.get_y(), 95, pdf.get_y())
    pdf.ln(2)
    _line(pdf, pgettext("shipping label", "To"), size=8, bold=True)
    _line(pdf, buyer_name(address), size=14, bold=True)
    if address and address.phone:
        _line(pdf, address.phone, size=13, bold=True)
    for text in address_lines(address):
        _line(pdf, text, size=11)
    pdf.ln(1)
    pdf.line(5, pdf.get_y(), 95, pdf.get_y())
    pdf.ln(2)
    # The order, the cash and the parcel on the left; the QR code beside them on the right,
    # always QR_SIZE wide however long the address above was.
    top = pdf.get_y()
    text_width = 90 - QR_SIZE - 3
    _line(
        pdf, _("Order #%(number)s") % {"number": order.number}, size=12, bold=True, width=text_width
    )
    _line(pdf, _placed(order), size=8, width=text_width)
    _line(pdf, _payment_line(order), size=12, bold=True, width=text_width)
    if order.tracking_number:
        carrier = order.carrier or _("Carrier")
        _line(pdf, f"{carrier}: {order.tracking_number}", size=10, bold=True, width=text_width)
    draw_qr(pdf, order.tracking_number or str(order.number), x=95 - QR_SIZE, y=top, size=QR_SIZE)
    return pdf


@require_GET
@seller_area
def packing_slip_pdf(
    request: HttpRequest, order_id: Any, *, seller: Seller, membership: Any
) -> HttpResponse:
    order = _own_order(seller, order_id)
    return pdf_response(packing_slip(order), f"phieu-dong-goi-{order.number}.pdf")


@require_GET
@seller_area
def shipping_label_pdf(
    request: HttpRequest, order_id: Any, *, seller: Seller, membership: Any
) -> HttpResponse:
    order = _own_order(seller, order_id)
    return pdf_response(shipping_label(order), f"nhan-van-chuyen-{order.number}.pdf")
