"""Builders for assisted onboarding's tests: a household stall onboarded by an officer, and
the people around it (Điện Biên is province 11, An Giang 91)."""

from __future__ import annotations

from typing import Any

from sellers import on_behalf
from sellers.assisted import clean_owner, do_assisted_create
from sellers.models import OnBehalfAction, Seller
from tests import factories

DIEN_BIEN, AN_GIANG = "11", "91"
HOUSEHOLD_PHONE = "+84912345678"


def assisted_stall(
    officer: Any, *, phone: str = HOUSEHOLD_PHONE, province_code: str = DIEN_BIEN
) -> Seller:
    """A draft household stall that `officer` onboarded, its owner without an e-mail."""
    owner, errors = clean_owner({"phone": phone, "first_name": "A", "last_name": "Lò Văn"})
    assert errors == []
    cleaned = {
        "kind": "HKD",
        "legal_name": f"Hộ kinh doanh Lò Văn A {phone[-4:]}",
        "province": factories.province(province_code),
    }
    return do_assisted_create(officer, owner, cleaned, logo=None)


def state() -> tuple[Any, ...]:
    """What a refused request must leave as it was."""
    from accounts.models import User
    from catalog.models import Product

    return (
        sorted(Seller.objects.values_list("pk", "status", "stall_name")),
        User.objects.count(),
        sorted(Product.objects.values_list("pk", "name")),
        sorted(OnBehalfAction.objects.values_list("pk", "kind")),
    )


def owner_of(seller: Seller) -> Any:
    return on_behalf.owner_of(seller)
