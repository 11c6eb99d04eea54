"""The listing rule: only approved sellers' published products with a valid 3★+ certificate."""

from __future__ import annotations

from typing import Any

import pytest

from catalog.listing import listable_products
from catalog.models import CertificateStatus
from sellers.models import SellerStatus
from tests import factories


@pytest.mark.parametrize(
    ("change", "listed"),
    [
        ({}, True),
        ({"stars": 3}, True),
        ({"cert_status": CertificateStatus.PENDING}, False),
        ({"cert_status": CertificateStatus.REVOKED}, False),
        ({"decision_age_days": 3 * 366 + 1}, False),
        ({"decision_age_days": -1}, False),
        ({"published": False}, False),
    ],
)
def test_it_lists_only_certified_published_products(
    db: Any, change: dict[str, Any], listed: bool
) -> None:
    # given a product built with one condition changed
    product = factories.product(**change)
    # when the listing rule is applied
    found = list(listable_products(factories.channel()))
    # then it is listed exactly when every condition holds
    assert (product in found) is listed


@pytest.mark.parametrize(
    "status", [SellerStatus.SUBMITTED, SellerStatus.SUSPENDED, SellerStatus.REJECTED]
)
def test_it_hides_products_of_sellers_not_approved(db: Any, status: str) -> None:
    # given a certified product of a seller that is not approved
    product = factories.product(owner=factories.seller(status=status))
    # then it is not listed
    assert list(listable_products(factories.channel())) == []
    assert product.pk is not None


def test_it_hides_products_of_inactive_sellers(db: Any) -> None:
    # given an approved but deactivated seller
    owner = factories.seller()
    owner.is_active = False
    owner.save()
    factories.product(owner=owner)
    # then nothing is listed
    assert list(listable_products(factories.channel())) == []


def test_it_hides_two_star_products(db: Any) -> None:
    # given a verified 2★ rating (below OCOP certification)
    factories.product(stars=2)
    # then it is not listed
    assert list(listable_products(factories.channel())) == []
