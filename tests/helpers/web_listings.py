"""Shared makers for the storefront's listing and product page tests."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from django.utils import timezone

from catalog.models import Collection, CollectionProduct, Product
from core.text import slugify_vi
from places.models import Province
from sellers.models import Seller


def collection(
    name: str,
    products: list[Product],
    *,
    province_code: str | None = None,
    starts_in: datetime.timedelta = datetime.timedelta(days=-1),
    ends_in: datetime.timedelta = datetime.timedelta(days=30),
    featured: bool = True,
) -> Collection:
    """A featured collection holding `products` in that order."""
    now = timezone.now()
    made = Collection.objects.create(
        name=name,
        slug=slugify_vi(name),
        is_featured=featured,
        province=Province.objects.get(code=province_code) if province_code else None,
        starts_at=now + starts_in,
        ends_at=now + ends_in,
    )
    for position, product in enumerate(products):
        CollectionProduct.objects.create(collection=made, product=product, sort_order=position)
    return made


def make_kind(seller: Seller, kind: str) -> Seller:
    Seller.objects.filter(pk=seller.pk).update(kind=kind)
    seller.refresh_from_db()
    return seller


def json_ld_blocks(html: str) -> list[Any]:
    """Every JSON-LD block of a page, parsed."""
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
        )
    ]


def meta_properties(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta property="([^"]+)" content="([^"]*)">', html))
