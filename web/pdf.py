"""Printable documents (packing slips, shipping labels, activation cards) as PDF.

fpdf2 writes the PDF in pure Python, so neither a browser nor system libraries are needed on
the server; Roboto (the `font-roboto` package) covers every Vietnamese letter and "₫", which
the PDF standard fonts do not; segno draws QR codes without Pillow or C code.
"""

from __future__ import annotations

import io

import font_roboto
import segno
from django.http import HttpResponse
from fpdf import FPDF

FONT = "Roboto"


def new_document(*, format: str | tuple[float, float] = "A4", margin: float = 10) -> FPDF:
    """A blank PDF in millimetres with Roboto (regular and bold) as its font."""
    pdf = FPDF(unit="mm", format=format)
    pdf.set_margins(margin, margin, margin)
    pdf.set_auto_page_break(auto=True, margin=margin)
    pdf.add_font(FONT, "", font_roboto.Roboto)
    pdf.add_font(FONT, "B", font_roboto.RobotoBold)
    pdf.set_font(FONT, size=10)
    pdf.set_creator("OCOP marketplace")
    return pdf


def draw_qr(pdf: FPDF, data: str, *, x: float, y: float, size: float) -> None:
    """A QR code of `data`, `size` mm square, its top left corner at (x, y)."""
    qr = segno.make(data, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    pdf.image(buffer, x=x, y=y, w=size, h=size)


def pdf_response(pdf: FPDF, filename: str, *, inline: bool = True) -> HttpResponse:
    """The document as an HTTP response, shown in the browser's viewer by default (so it
    can be printed from a phone) and saved under `filename`."""
    response = HttpResponse(bytes(pdf.output()), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
