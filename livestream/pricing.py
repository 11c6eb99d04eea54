"""Which price checkout charges for a variant: the live price while its session is live.

An offer applies to a variant at moment `at` only when ALL of these hold:
- its session's status is `live` AND `starts_at <= at < ends_at` (so the live price stops
  exactly at the end, even before the beat task marks the session ended, and a checkout
  created during the session but completed after it pays the regular price);
- it is not sold out (`units_claimed < quantity_cap`), or a flash deal of it is open;
- while a flash deal of the offer is open (`opens_at <= at < closes_at`, units left under
  the flash cap), its flash price is the offer's price and its own per-buyer limit and cap
  count (the returned offer's `live_price` is then the flash price and `flash_deal` the
  deal; `flash_deal` is None otherwise);
- its live price is still below the variant's current regular price in that channel (if
  the regular price has since dropped below it, the buyer gets the regular price).
If several live sessions offer the same variant, the lowest live price wins (then the
oldest offer). The live price covers at most the units the buyer may still claim
(`live_units_allowed`: the per-buyer limit minus what they already bought, and what is
left under the cap); further units of the same line cost the regular price, so a cart
never shows the live price for units the buyer cannot get at it. Nothing here locks or
writes: these are reads for showing and quoting prices; `claims.claim_offer_units` is
what commits units at checkout completion, and refuses what a concurrent tab took first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from catalog.models import Channel, ProductVariantChannelListing
from livestream.models import (
    FlashDeal,
    FlashDealBuyer,
    LiveOffer,
    LiveOfferBuyer,
    LivestreamStatus,
)

ChannelRef = Channel | int


def _channel_id(channel: ChannelRef) -> int:
    return channel if isinstance(channel, int) else int(channel.pk)


def regular_prices(variant_ids: Iterable[int], channel: ChannelRef) -> dict[int, int]:
    rows = ProductVariantChannelListing.objects.filter(
        variant_id__in=list(variant_ids), channel_id=_channel_id(channel)
    ).values_list("variant_id", "price_amount")
    return {variant_id: int(price) for variant_id, price in rows}


def live_offers_for(
    variant_ids: Iterable[int],
    channel: ChannelRef,
    at: datetime.datetime | None = None,
    *,
    livestream_id: int | None = None,
) -> dict[int, LiveOffer]:
    """The applicable offer per variant id (variants without one are absent). Three queries
    whatever the number of variants. `livestream_id` restricts to one session."""
    moment = at or timezone.now()
    ids = list(set(variant_ids))
    if not ids:
        return {}
    flashes = FlashDeal.objects.filter(
        opens_at__lte=moment, closes_at__gt=moment, units_claimed__lt=F("quantity_cap")
    )
    offers = LiveOffer.objects.filter(
        Q(units_claimed__lt=F("quantity_cap")) | Exists(flashes.filter(offer_id=OuterRef("pk"))),
        variant_id__in=ids,
        channel_id=_channel_id(channel),
        livestream__status=LivestreamStatus.LIVE,
        livestream__starts_at__lte=moment,
        livestream__ends_at__gt=moment,
    ).select_related("livestream")
    if livestream_id is not None:
        offers = offers.filter(livestream_id=livestream_id)
    regular = regular_prices(ids, channel)
    found = list(offers)
    open_deals = (
        {
            deal.offer_id: deal
            for deal in flashes.filter(offer_id__in=[offer.pk for offer in found]).order_by(
                "-opens_at", "-pk"
            )
        }
        if found
        else {}
    )
    for offer in found:
        deal = open_deals.get(offer.pk)
        offer.flash_deal = deal  # type: ignore[attr-defined]
        if deal is not None:
            offer.live_price = deal.flash_price  # the price charged now; never saved
    best: dict[int, LiveOffer] = {}
    for offer in sorted(found, key=lambda item: (item.live_price, item.pk)):
        price = regular.get(offer.variant_id)
        if price is None or offer.live_price >= price or offer.variant_id in best:
            continue
        offer.regular_price = price  # type: ignore[attr-defined]
        best[offer.variant_id] = offer
    return best


def live_units_allowed(offers: Iterable[LiveOffer], buyer_key: str | None) -> dict[int, int]:
    """Per offer id: how many more units `buyer_key` may get at the live price — the
    per-buyer limit minus the units this buyer already claimed, and no more than is left
    under the cap; for an offer in an open flash deal (`live_offers_for` set its
    `flash_deal`), the flash deal's limit and cap instead. A buyer not identified yet (no
    account, no email) has claimed nothing. At most two queries, none without a buyer key."""
    offers = list(offers)
    deals = {offer.pk: deal for offer in offers if (deal := getattr(offer, "flash_deal", None))}
    held: dict[int, int] = {}
    held_flash: dict[int, int] = {}
    if buyer_key and offers:
        held = dict(
            LiveOfferBuyer.objects.filter(
                offer_id__in=[offer.pk for offer in offers], buyer_key=buyer_key
            ).values_list("offer_id", "units")
        )
    if buyer_key and deals:
        held_flash = dict(
            FlashDealBuyer.objects.filter(
                flash_deal_id__in=[deal.pk for deal in deals.values()], buyer_key=buyer_key
            ).values_list("flash_deal_id", "units")
        )
    allowed = {}
    for offer in offers:
        deal = deals.get(offer.pk)
        if deal is not None:
            left = deal.per_buyer_limit - held_flash.get(deal.pk, 0)
            allowed[offer.pk] = max(min(left, deal.remaining_quantity), 0)
        else:
            left = offer.per_buyer_limit - held.get(offer.pk, 0)
            allowed[offer.pk] = max(min(left, offer.remaining_quantity), 0)
    return allowed


def live_offer_for(
    variant_id: int,
    channel: ChannelRef,
    at: datetime.datetime | None = None,
    *,
    livestream_id: int | None = None,
) -> LiveOffer | None:
    """The offer that applies to this variant now (see the module docstring), or None.
    The returned offer has `.livestream` loaded and a `.regular_price` attribute."""
    return live_offers_for([variant_id], channel, at, livestream_id=livestream_id).get(variant_id)


def price_for(
    variant_id: int, channel: ChannelRef, at: datetime.datetime | None = None
) -> int | None:
    """The unit price checkout charges at `at`: the live price when an offer applies, the
    regular channel price otherwise; None when the variant has no price in the channel."""
    offer = live_offer_for(variant_id, channel, at)
    if offer is not None:
        return int(offer.live_price)
    return regular_prices([variant_id], channel).get(variant_id)
