"""The demo's promotions: the officer's province funds "OCOP10" (10 % off its producers'
goods, from 200.000 ₫, once per buyer), and a 200.000 ₫ gift card to try in the cart.
Idempotent: a reload puts both back as they were (the card's balance full again)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from places.models import Province
from promotions.models import GiftCard, Voucher

DEMO_VOUCHER = "OCOP10"
DEMO_GIFT_CARD = "OCOP-QUA-TANG-2026"


def load_demo_promotions(province: Province, officer: User) -> None:
    now = timezone.now()
    Voucher.objects.update_or_create(
        code=DEMO_VOUCHER,
        defaults={
            "name": f"Giảm 10% đặc sản {province.name}",
            "name_en": f"10% off {province.name} specialities",
            "value_type": "percentage",
            "value": 10,
            "funder": "province",
            "funding_province": province,
            "funding_seller": None,
            "scope": "province",
            "scope_province": province,
            "min_spend_amount": 200_000,
            "starts_at": now - datetime.timedelta(days=1),
            "ends_at": now + datetime.timedelta(days=90),
            "usage_limit": 1000,
            "limit_per_customer": 1,
            "is_active": True,
            "created_by": officer,
        },
    )
    GiftCard.objects.update_or_create(
        code=DEMO_GIFT_CARD,
        defaults={
            "initial_balance_amount": 200_000,
            "current_balance_amount": 200_000,
            "expiry_date": timezone.localdate() + datetime.timedelta(days=365),
            "is_active": True,
        },
    )
