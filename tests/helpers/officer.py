"""Builders for the officer console's tests: applications, certificates and the people who
may or may not act on them (Điện Biên is province 11, An Giang 91)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from catalog.models import CertificateStatus, OcopCertificate
from sellers.models import Seller, SellerDocument, SellerStatus, SellerTransition
from tests import factories

DIEN_BIEN, AN_GIANG = "11", "91"


def submitted_application(province_code: str = DIEN_BIEN, *, image: bool = False) -> Seller:
    """A seller whose owner submitted the application (a PDF licence; an image too if asked)."""
    owner = factories.user()
    seller = factories.submittable_seller(owner=owner, province_code=province_code)
    if image:
        document = SellerDocument(seller=seller, kind="food_safety", content_type="image/png")
        content = factories.image_bytes()
        document.size = len(content)
        document.file.save(f"attp-{seller.pk}.png", ContentFile(content), save=False)
        document.save()
    Seller.objects.filter(pk=seller.pk).update(status=SellerStatus.SUBMITTED)
    SellerTransition.objects.create(
        seller=seller, from_status=SellerStatus.DRAFT, to_status=SellerStatus.SUBMITTED, actor=owner
    )
    seller.refresh_from_db()
    return seller


def pending_certificate(
    province_code: str = DIEN_BIEN, status: str = CertificateStatus.PENDING
) -> OcopCertificate:
    """A certificate of a product of an approved seller, with a PDF scan."""
    seller = factories.seller(province_code=province_code, owner=factories.user())
    product = factories.product(owner=seller, cert_status=status)
    certificate = product.certificates.get()
    certificate.scan.save(
        f"scan-{certificate.pk}.pdf", ContentFile(factories.PDF_BYTES), save=False
    )
    certificate.save()
    return certificate


def superuser() -> Any:
    admin = factories.user()
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    return admin


def owner_of(seller: Seller) -> Any:
    return seller.members.get().user
