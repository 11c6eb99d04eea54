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
          "flash": None | {...}       # filled by the flash-deal code
      }, ...]
    }

Keys may be added; none is renamed or removed (the watch page and the host console read them).
"""

from __future__ import annotations

from typing import Any

from core.money import format_vnd
from livestream.models import LiveOffer, Livestream
from livestream.pricing import regular_prices


def snapshot(livestream_id: int) -> dict[str, Any]:
    """Two queries: the session, then its offers with their variants and sellers."""
    session = Livestream.objects.only("pk", "slug", "status", "starts_at", "ends_at").get(
        pk=livestream_id
    )
    offers = list(
        LiveOffer.objects.filter(livestream_id=livestream_id)
        .select_related("variant__product", "seller")
        .order_by("sort_order", "pk")
    )
    regular: dict[int, int] = {}
    for channel_id in {o.channel_id for o in offers}:
        regular.update(
            regular_prices([o.variant_id for o in offers if o.channel_id == channel_id], channel_id)
        )
    rows = []
    for offer in offers:
        product = offer.variant.product
        regular_price = regular.get(offer.variant_id, offer.live_price)
        rows.append(
            {
                "id": offer.pk,
                "product_name": product.name,
                "variant_name": offer.variant.name,
                "seller_name": offer.seller.legal_name,
                "thumbnail_url": "",
                "product_url": "",
                "live_price": offer.live_price,
                "regular_price": regular_price,
                "live_price_display": format_vnd(offer.live_price),
                "regular_price_display": format_vnd(regular_price),
                "units_left": offer.remaining_quantity,
                "units_sold": offer.units_claimed,
                "per_buyer_limit": offer.per_buyer_limit,
                "is_pinned": offer.is_pinned,
                "flash": None,
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
    }
