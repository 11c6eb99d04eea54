"""Shared pieces of the seller onboarding tests (web/seller/onboarding.py)."""

from __future__ import annotations

from typing import Any

from places.models import Ward
from sellers.models import Seller, SellerDocument, SellerMember, SellerTransition


def first_ward_name(province_code: str = "11") -> str:
    ward = Ward.objects.filter(province__code=province_code).order_by("code").first()
    assert ward is not None
    return ward.name


def legal(**change: str) -> dict[str, str]:
    data = {
        "legal_name": "Hợp tác xã Chè Tủa Chùa",
        "registration_number": "6201000123",
        "tax_code": "5600123456",
        "province": "11",
        "ward": first_ward_name(),
        "street_address": "Bản Sín Chải",
        "phone": "0912 345 678",
    }
    data.update(change)
    return data


BANK = {
    "bank_name": "Agribank Điện Biên",
    "bank_account_number": "8800 1234 5678",
    "bank_account_holder": "Hợp tác xã Chè Tủa Chùa",
}


def counts() -> dict[str, int]:
    """The rows an onboarding step can write."""
    return {
        "sellers": Seller.objects.count(),
        "members": SellerMember.objects.count(),
        "documents": SellerDocument.objects.count(),
        "transitions": SellerTransition.objects.count(),
    }


def local_media(settings: Any, tmp_path: Any) -> None:
    """Uploaded files on the local disk of this test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path)
