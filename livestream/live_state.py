"""A live session's state as viewers and the host see it, read from the database.

Every pushed event carries this (see `livestream.events`), the watch page renders its first
paint from it, and the polling fallback returns it. JSON-serialisable; its shape:

    {
      "session": {"id", "slug", "status", "starts_at", "ends_at" (ISO 8601, UTC)},
      "pinned_offer_id": int | None,
      "units_sold": int,             # all offers
      "offers": [{
          "id", "product_name", "variant_name", "seller_name", "thumbnail_url",
          "product_url", "live_price", "regular_price" (int VND),
          "live_price_display", "regular_price_display" ("120.000 ₫"),
          "units_left", "units_sold", "per_buyer_limit", "is_pinned",
          "flash": None | {            # the offer's latest flash deal (livestream.flash)
              "id", "state" ("scheduled" | "open" | "closed"), "price", "price_display",
              "quantity_cap", "per_buyer_limit", "units_sold", "units_left",
              "opens_at", "closes_at" (ISO 8601, UTC), "seconds_to_open", "seconds_to_close"
          },
          "seller_id", "price_now", "price_now_display"   # the flash price while open
      }, ...],
      "flash_open_offer_id": int | None,   # the offer whose flash deal is open now
      "generated_at": ISO 8601 (UTC),      # when this was read: countdowns count from it
      "peak_viewers": int,
    }

"units_sold" (per offer and in total) counts every unit claimed, flash deals' included.

Keys may be added; none is renamed or removed (the watch page and the host console read them).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import OuterRef, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from catalog.models import ProductMedia
from core.money import format_vnd
from livestream.models import FlashDeal, LiveOffer, Livestream
from livestream.pricing import regular_prices

THUMBNAIL_SIZE = 256
FLASH_FIELDS = ("pk", "flash_price", "quantity_cap", "per_buyer_limit", "units_claimed")
FLASH_TIMES = ("opens_at", "closes_at")


def _latest_flash(field: str) -> Subquery:
    latest = FlashDeal.objects.filter(offer_id=OuterRef("pk")).order_by("-opens_at", "-pk")
    return Subquery(latest.values(field)[:1])


def _first_media() -> Subquery:
    media = ProductMedia.objects.filter(product_id=OuterRef("variant__product_id")).order_by(
        "sort_order", "pk"
    )
    return Subquery(media.values("pk")[:1])


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # a site without the web storefront (the API alone)
        return ""


def _flash_of(offer: Any, now: datetime.datetime) -> dict[str, Any] | None:
    if offer.flash_pk is None:
        return None
    return flash_state(
        deal_id=offer.flash_pk,
        flash_price=offer.flash_flash_price,
        quantity_cap=offer.flash_quantity_cap,
        per_buyer_limit=offer.flash_per_buyer_limit,
        units_claimed=offer.flash_units_claimed,
        opens_at=offer.flash_opens_at,
        closes_at=offer.flash_closes_at,
        now=now,
    )


def flash_state(
    *,
    deal_id: int,
    flash_price: int,
    quantity_cap: int,
    per_buyer_limit: int,
    units_claimed: int,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    now: datetime.datetime,
) -> dict[str, Any]:
    """The `flash` dict of the snapshot's offers (JSON-serialisable). Here rather than in
    `livestream.flash`, which announces through `livestream.events`, which reads this module."""
    if now < opens_at:
        state = "scheduled"
    elif now < closes_at:
        state = "open"
    else:
        state = "closed"
    return {
        "id": deal_id,
        "state": state,
        "price": flash_price,
        "price_display": format_vnd(flash_price),
        "quantity_cap": quantity_cap,
        "per_buyer_limit": per_buyer_limit,
        "units_sold": units_claimed,
        "units_left": max(quantity_cap - units_claimed, 0),
        "opens_at": opens_at.isoformat(),
        "closes_at": closes_at.isoformat(),
        "seconds_to_open": max(0, int((opens_at - now).total_seconds() + 0.999)),
        "seconds_to_close": max(0, int((closes_at - now).total_seconds() + 0.999)),
    }


def snapshot(livestream_id: int, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    """Three queries: the session, its offers (with their variants, sellers, latest flash
    deal and first photo, as subqueries), and the regular prices (one per channel)."""
    now = now or timezone.now()
    session = Livestream.objects.only(
        "pk", "slug", "status", "starts_at", "ends_at", "peak_viewers"
    ).get(pk=livestream_id)
    annotations: dict[str, Any] = {
        f"flash_{field}": _latest_flash(field) for field in (*FLASH_FIELDS, *FLASH_TIMES)
    }
    offers = list(
        LiveOffer.objects.filter(livestream_id=livestream_id)
        .select_related("variant__product", "seller")
        .annotate(media_pk=_first_media(), **annotations)
        .order_by("sort_order", "pk")
    )
    regular: dict[int, int] = {}
    for channel_id in {o.channel_id for o in offers}:
        regular.update(
            regular_prices([o.variant_id for o in offers if o.channel_id == channel_id], channel_id)
        )
    rows: list[dict[str, Any]] = []
    offer: Any
    for offer in offers:
        product = offer.variant.product
        regular_price = regular.get(offer.variant_id, offer.live_price)
        flash = _flash_of(offer, now)
        flash_open = flash is not None and flash["state"] == "open" and flash["units_left"] > 0
        price_now = flash["price"] if flash_open and flash else offer.live_price
        thumbnail = (
            _url("thumbnail", offer.media_pk, THUMBNAIL_SIZE, "webp") if offer.media_pk else ""
        )
        rows.append(
            {
                "id": offer.pk,
                "product_name": product.name,
                "variant_name": offer.variant.name,
                "seller_name": offer.seller.legal_name,
                "thumbnail_url": thumbnail,
                "product_url": _url("web:product", product.slug),
                "live_price": offer.live_price,
                "regular_price": regular_price,
                "live_price_display": format_vnd(offer.live_price),
                "regular_price_display": format_vnd(regular_price),
                "units_left": offer.remaining_quantity,
                "units_sold": offer.units_claimed + (flash["units_sold"] if flash else 0),
                "per_buyer_limit": offer.per_buyer_limit,
                "is_pinned": offer.is_pinned,
                "flash": flash,
                "seller_id": offer.seller_id,
                "price_now": price_now,
                "price_now_display": format_vnd(price_now),
            }
        )
    pinned = next((row["id"] for row in rows if row["is_pinned"]), None)
    return {
        "session": {
            "id": session.pk,
            "slug": session.slug,
            "status": session.status,
            "starts_at": session.starts_at.isoformat(),
            "ends_at": session.ends_at.isoformat(),
        },
        "pinned_offer_id": pinned,
        "units_sold": sum(row["units_sold"] for row in rows),
        "offers": rows,
        "flash_open_offer_id": next(
            (row["id"] for row in rows if row["flash"] and row["flash"]["state"] == "open"), None
        ),
        "generated_at": now.isoformat(),
        "peak_viewers": session.peak_viewers,
    }
