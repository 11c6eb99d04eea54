"""Keeps `VariantPriceHistory` in step with catalog's variant listings (see price_history)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from catalog.models import ProductVariantChannelListing
from livestream.price_history import record_price


@receiver(post_save, sender=ProductVariantChannelListing, dispatch_uid="livestream-price-history")
def record_variant_price(
    sender: type[ProductVariantChannelListing],
    instance: ProductVariantChannelListing,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    if raw:  # loaddata: fixtures carry their own history
        return
    record_price(instance.variant_id, instance.channel_id, int(instance.price_amount))
