"""Shared pieces of the story, label-facts and certificate-choice tests (catalog/story.py,
catalog/label_facts.py, catalog/certificate_choice.py and the editor that uses them)."""

from __future__ import annotations

from typing import Any

from catalog.models import Category, OcopCertificate, Product, ProductGroup
from sellers.models import Seller
from tests import factories


def food_category() -> Category:
    """A food category ("Thực phẩm › Mật ong"), whose OCOP group is thuc-pham."""
    food, _ = Category.objects.get_or_create(
        slug="thuc-pham-thu", defaults={"name": "Thực phẩm", "name_en": "Food"}
    )
    honey, _ = Category.objects.get_or_create(
        slug="mat-ong-thu", defaults={"name": "Mật ong", "name_en": "Honey", "parent": food}
    )
    return honey


def craft_category() -> Category:
    """A craft category ("Thủ công mỹ nghệ"), whose OCOP group is thu-cong-my-nghe."""
    found, _ = Category.objects.get_or_create(
        slug="thu-cong-thu", defaults={"name": "Thủ công mỹ nghệ", "name_en": "Handicrafts"}
    )
    return found


def certified_product(seller: Seller, group: str = "thuc-pham", **extra: Any) -> Product:
    """A product of `seller` whose only certificate is of the OCOP `group`."""
    product = factories.product(owner=seller, **extra)
    OcopCertificate.objects.filter(product=product).update(
        product_group=ProductGroup.objects.get(code=group), scan="certificates/ban-quet.pdf"
    )
    return product


def certificate_of(product: Product) -> OcopCertificate:
    return OcopCertificate.objects.filter(product=product).order_by("pk").first()  # type: ignore[return-value]
