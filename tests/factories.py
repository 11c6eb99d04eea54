"""Small builders for test data; each returns saved rows with sensible defaults."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import OfficerProfile, User
from catalog.models import (
    CertificateStatus,
    Channel,
    OcopCertificate,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
    Warehouse,
)
from places.models import Province
from sellers.models import Seller, SellerMember, SellerStatus

_seq = itertools.count(1)


def channel() -> Channel:
    return Channel.objects.get(slug="default-channel")


def province(code: str = "11") -> Province:
    return Province.objects.get(code=code)


def user(email: str | None = None, **extra: Any) -> User:
    return User.objects.create_user(email or f"user{next(_seq)}@ocop.test", "pass-1234-x", **extra)


def officer(province_code: str | None = "11") -> User:
    person = user()
    OfficerProfile.objects.create(
        user=person, province=province(province_code) if province_code else None
    )
    return person


def seller(
    *, status: str = SellerStatus.APPROVED, province_code: str = "11", owner: User | None = None
) -> Seller:
    n = next(_seq)
    made = Seller.objects.create(
        kind="HTX",
        legal_name=f"Hợp tác xã Thử nghiệm {n}",
        stall_name=f"HTX Thử nghiệm {n}",
        slug=f"htx-thu-nghiem-{n}",
        province=province(province_code),
        status=status,
    )
    Warehouse.objects.create(seller=made, name="Kho chính", province=made.province)
    if owner:
        SellerMember.objects.create(seller=made, user=owner, role=SellerMember.Role.OWNER)
    return made


def product(
    *,
    owner: Seller | None = None,
    stars: int = 4,
    cert_status: str = CertificateStatus.VERIFIED,
    decision_age_days: int = 100,
    price: int = 120_000,
    stock: int = 10,
    variants: int = 1,
    published: bool = True,
    image: bytes | None = None,
    name: str | None = None,
) -> Product:
    n = next(_seq)
    the_seller = owner or seller()
    kind, _ = ProductType.objects.get_or_create(slug="ocop-goods", defaults={"name": "OCOP"})
    made = Product.objects.create(
        seller=the_seller,
        product_type=kind,
        name=name or f"Mật ong thử {n}",
        slug=f"mat-ong-thu-{n}",
        origin_province=the_seller.province,
    )
    made.search_document = made.build_search_document()
    made.save(update_fields=["search_document"])
    ProductChannelListing.objects.create(product=made, channel=channel(), is_published=published)
    warehouse = the_seller.warehouses.first()
    for i in range(variants):
        variant = ProductVariant.objects.create(product=made, sku=f"SKU-{n}-{i}", name=f"Hũ {i}")
        ProductVariantChannelListing.objects.create(
            variant=variant, channel=channel(), price_amount=price + i * 1000
        )
        Stock.objects.create(warehouse=warehouse, variant=variant, quantity=stock)
    OcopCertificate.objects.create(
        product=made,
        decision_number=f"{n}/QĐ-UBND",
        decision_date=timezone.localdate() - datetime.timedelta(days=decision_age_days),
        issuer_level="central" if stars == 5 else "province",
        issuer_name="UBND tỉnh Điện Biên",
        stars=stars,
        status=cert_status,
    )
    if image:
        media = ProductMedia(product=made, alt=made.name)
        media.image.save(f"{made.slug}.png", ContentFile(image), save=True)
    return made
