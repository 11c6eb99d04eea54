"""The activation card (PDF, A6): what an officer prints and hands to a household it onboarded.

The household scans the QR code with its phone's camera (or types the link written under it),
chooses a password on the activation page and signs in with its phone number from then on.
Always in Vietnamese: it is printed for the household, whatever the officer's language. The
link is also a clickable link of the PDF, for a card sent as a file to the household's phone.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from accounts.phones import display_phone
from sellers.models import Seller
from web.pdf import FONT, draw_qr, new_document

A6 = (105.0, 148.0)
QR_SIZE = 52.0
# Tests read the card's text: fpdf2 compresses page content unless told otherwise.
COMPRESS = True


def card_steps(phone: str) -> list[str]:
    return [
        _("Scan the QR code with your phone's camera, or type the link below."),
        _("Choose your password (at least 8 characters) and save it."),
        _("From then on, sign in with your phone number %(phone)s and that password.")
        % {"phone": phone},
    ]


def _line(pdf: FPDF, width: float, height: float, text: str, **options: Any) -> None:
    """A paragraph, then back to the left margin below it."""
    pdf.multi_cell(width, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **options)


def activation_card(seller: Seller, owner: Any, link: str) -> FPDF:
    """The card of `seller`'s owner, carrying `link` as a QR code and written out."""
    expires = timezone.localdate() + datetime.timedelta(days=settings.OCOP_ACTIVATION_LINK_DAYS)
    phone = display_phone(owner.login_phone) or (owner.email or "")
    with override("vi"):
        pdf = new_document(format=A6, margin=8)
        pdf.set_compression(COMPRESS)
        pdf.set_title(str(_("OCOP activation card")))
        pdf.add_page()
        width = A6[0] - 16
        pdf.set_font(FONT, "B", 13)
        _line(pdf, width, 6, _("OCOP activation card"), align="C")
        pdf.ln(1)
        pdf.set_font(FONT, "B", 11)
        _line(pdf, width, 5.5, seller.stall_name, align="C")
        pdf.set_font(FONT, "", 9.5)
        _line(pdf, width, 5, _("Owner: %(name)s") % {"name": owner.full_name or "—"})
        _line(pdf, width, 5, _("Phone: %(phone)s") % {"phone": phone})
        y = pdf.get_y() + 1
        x = (A6[0] - QR_SIZE) / 2
        draw_qr(pdf, link, x=x, y=y, size=QR_SIZE)
        pdf.link(x, y, QR_SIZE, QR_SIZE, link)
        pdf.set_y(y + QR_SIZE + 1)
        pdf.set_font(FONT, "", 7.5)
        _line(pdf, width, 3.6, link, align="C", link=link)
        pdf.ln(1.5)
        pdf.set_font(FONT, "", 9)
        for number, step in enumerate(card_steps(phone), start=1):
            _line(pdf, width, 4.6, f"{number}. {step}", align="L")
        pdf.ln(1)
        pdf.set_font(FONT, "", 7.5)
        _line(
            pdf,
            width,
            3.6,
            _("The link works once, until %(day)s. Keep this card private.")
            % {"day": expires.strftime("%d/%m/%Y")},
        )
    return pdf
