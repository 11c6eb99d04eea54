"""E-mails to a seller's members 60, 30 and 7 days before a certificate expires.

Each (certificate, days_before) notice goes out once, guarded by the unique
`CertificateExpiryNotice` row. The order of "record" and "send" decides what a failure
costs, so it is deliberate:

    BEGIN; INSERT notice row; send the e-mail; COMMIT

- The INSERT comes first and claims the notice: a second run at the same time blocks on
  the unique index until the first commits, then fails with IntegrityError and skips —
  two workers never both send.
- The e-mail is sent inside the transaction: if sending raises (SMTP down), the row is
  rolled back and tomorrow's run tries again, so a lost e-mail is retried rather than
  silently recorded as sent (committing the row before sending would turn every SMTP
  failure or crash into a notice that is never sent — for a legal deadline the worse
  outcome).
- The one window left is a crash after the SMTP server accepted the message and before
  COMMIT: then the notice is sent again the next day. A rare duplicate reminder is
  preferred over a missed one.

A run that missed days still sends the right notice: a certificate 20 days from expiry
without a 30-day notice gets the 30-day one, then the 7-day one later; the 60-day
notice, no longer meaningful, is skipped.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from catalog.models import CertificateExpiryNotice, CertificateStatus, OcopCertificate
from core.text import bilingual
from sellers.models import SellerMember

NOTICE_DAYS = (60, 30, 7)
log = logging.getLogger(__name__)


def due_notice(days_left: int) -> int | None:
    """The notice a certificate `days_left` days from expiry should have had by now."""
    if days_left < 0:
        return None
    return min((d for d in NOTICE_DAYS if days_left <= d), default=None)


SUBJECT = _("OCOP certificate expiring: {product}")
BODY = """Kính gửi {seller},

Giấy chứng nhận OCOP {stars} sao của sản phẩm "{product}" (quyết định {decision}) hết hiệu
lực ngày {until_vi}, còn {days} ngày. Sau ngày này sản phẩm sẽ tự động ngừng hiển thị trên
sàn cho đến khi có giấy chứng nhận mới. Hãy liên hệ cơ quan OCOP để được đánh giá lại, rồi
tải giấy chứng nhận mới lên.

---

Dear {seller},

The {stars}★ OCOP certificate of "{product}" (decision {decision}) expires on {until_en},
in {days} days. After that date the product is no longer listed on the marketplace until
a new certificate is verified. Please ask your OCOP office for a re-evaluation, then upload
the new certificate.
"""


def _recipients(certificate: OcopCertificate) -> list[str]:
    members = certificate.product.seller.members.all()
    emails = sorted({m.user.email for m in members if m.user.is_active and m.user.email})
    if not emails and certificate.product.seller.email:
        emails = [certificate.product.seller.email]
    return emails


def send_notice(certificate: OcopCertificate, days_before: int, on: datetime.date) -> bool:
    """Claim-then-send in one transaction (see the module docstring). True if sent."""
    product, seller = certificate.product, certificate.product.seller
    days = (certificate.valid_until - on).days
    with transaction.atomic():
        try:
            with transaction.atomic():
                CertificateExpiryNotice.objects.create(
                    certificate=certificate, days_before=days_before
                )
        except IntegrityError:
            return False  # another run claimed (and sent) it
        recipients = _recipients(certificate)
        if recipients:
            send_mail(
                bilingual(SUBJECT).format(product=product.name),
                BODY.format(
                    seller=seller.stall_name,
                    stars=certificate.stars,
                    product=product.name,
                    decision=certificate.decision_number,
                    until_vi=f"{certificate.valid_until:%d/%m/%Y}",
                    until_en=certificate.valid_until.isoformat(),
                    days=days,
                ),
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
        else:
            log.warning("certificate %s: no one to notify", certificate.pk)
    return bool(recipients)


def notify_expiring(on: datetime.date) -> int:
    """Send every due notice; returns how many e-mails went out."""
    horizon = on + datetime.timedelta(days=max(NOTICE_DAYS))
    certificates = (
        OcopCertificate.objects.filter(
            status=CertificateStatus.VERIFIED, valid_until__gte=on, valid_until__lte=horizon
        )
        .select_related("product__seller")
        .prefetch_related(
            "expiry_notices",
            Prefetch(
                "product__seller__members",
                queryset=SellerMember.objects.select_related("user").order_by("pk"),
            ),
        )
        .order_by("valid_until", "pk")
    )
    sent = 0
    for certificate in certificates:
        due = due_notice((certificate.valid_until - on).days)
        if due is None or any(n.days_before <= due for n in certificate.expiry_notices.all()):
            continue
        try:
            sent += send_notice(certificate, due, on)
        except Exception:
            # Rolled back, so retried tomorrow; one bad address must not block the others.
            log.exception("certificate %s: the %s-day notice failed", certificate.pk, due)
    return sent
