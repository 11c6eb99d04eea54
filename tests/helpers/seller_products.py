"""Shared pieces of the seller centre's product tests (web/seller/products.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from catalog.models import OcopCertificate, Product, ProductMedia, ProductVariant
from tests import factories


def row_counts() -> dict[str, int]:
    """The rows an editor save may write."""
    return {
        "products": Product.objects.count(),
        "variants": ProductVariant.objects.count(),
        "media": ProductMedia.objects.count(),
        "certificates": OcopCertificate.objects.count(),
    }


def photo(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, factories.image_bytes(), content_type="image/png")


def scan(name: str = "giay-chung-nhan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, factories.PDF_BYTES, content_type="application/pdf")


def editor_post(**overrides: Any) -> dict[str, Any]:
    """A complete, valid editor submission: one new variant and a certificate scan."""
    decided = timezone.localdate() - datetime.timedelta(days=30)
    data: dict[str, Any] = {
        "name": "Mật ong hoa ban",
        "category": "",
        "description": "Mật ong rừng.\n\nThu hoạch tháng ba.",
        "publish": "on",
        "variant_rows": "1",
        "variant-0-id": "",
        "variant-0-name": "Hũ 500 g",
        "variant-0-price": "150000",
        "variant-0-quantity": "12",
        "cert-decision_number": "99/QĐ-UBND",
        "cert-decision_date": decided.isoformat(),
        "cert-certificate_number": "",
        "cert-issuer_level": "province",
        "cert-issuer_name": "UBND tỉnh Điện Biên",
        "cert-stars": "4",
        "cert-score": "",
        "cert-product_group": "thuc-pham",
        "cert-scan": scan(),
        "photos": [photo()],
    }
    data.update(overrides)
    return data
