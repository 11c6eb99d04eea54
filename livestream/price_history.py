"""Regular-price history of variants, and the lowest price of the last 30 days.

The live-price rule (TikTok's, and Vietnam's consumer-protection practice) is that a live
price must undercut both the current regular price and the lowest regular price the
variant had in the last 30 days, so that a "flash deal" cannot follow a price hike.
"""

from __future__ import annotations

import datetime

from django.db.models import Min
from django.utils import timezone

from catalog.models import ProductVariantChannelListing
from livestream.models import VariantPriceHistory

LOOKBACK = datetime.timedelta(days=30)


def record_price(
    variant_id: int, channel_id: int, price: int, at: datetime.datetime | None = None
) -> bool:
    """Append `price` unless it is already the latest recorded one; True when appended."""
    latest = (
        VariantPriceHistory.objects.filter(variant_id=variant_id, channel_id=channel_id)
        .order_by("-recorded_at", "-id")
        .values_list("price_amount", flat=True)
        .first()
    )
    if latest == price:
        return False
    VariantPriceHistory.objects.create(
        variant_id=variant_id,
        channel_id=channel_id,
        price_amount=price,
        recorded_at=at or timezone.now(),
    )
    return True


def current_price(variant_id: int, channel_id: int) -> int | None:
    price = (
        ProductVariantChannelListing.objects.filter(variant_id=variant_id, channel_id=channel_id)
        .values_list("price_amount", flat=True)
        .first()
    )
    return None if price is None else int(price)


def lowest_recent_price(
    variant_id: int, channel_id: int, at: datetime.datetime | None = None
) -> int | None:
    """The lowest regular price in force at any moment of the 30 days before `at`.

    That is the minimum of: the prices recorded inside the window, the last price recorded
    before the window (it was still in force when the window opened), and the current
    listing price. None when the variant has no price in the channel at all.
    """
    moment = at or timezone.now()
    since = moment - LOOKBACK
    history = VariantPriceHistory.objects.filter(variant_id=variant_id, channel_id=channel_id)
    candidates: list[int] = []
    inside = history.filter(recorded_at__gt=since, recorded_at__lte=moment).aggregate(
        low=Min("price_amount")
    )["low"]
    if inside is not None:
        candidates.append(int(inside))
    before = (
        history.filter(recorded_at__lte=since)
        .order_by("-recorded_at", "-id")
        .values_list("price_amount", flat=True)
        .first()
    )
    if before is not None:
        candidates.append(int(before))
    current = current_price(variant_id, channel_id)
    if current is not None:
        candidates.append(current)
    return min(candidates) if candidates else None
