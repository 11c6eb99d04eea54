"""What the watch page (/live/<slug>/) shows, read from the session's state.

The offers, the pinned one, units left and sold come from `livestream.live_state.snapshot`,
the same state every pushed event carries, so the first paint and the updates agree; this
module only adds what the snapshot leaves out: each product's photo and page (one batch
of card queries, whatever the number of offers), the player, and, after the end, the
timeline of pinned offers for the replay.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from catalog.models import ProductVariant
from checkout.models import Checkout, CheckoutLine
from livestream.live_models import LiveOfferPin
from livestream.live_state import snapshot
from livestream.models import LiveOffer, Livestream, LivestreamReminder, LivestreamStatus
from web.cards import cards_in_order
from web.channel import storefront_channel
from web.live.comments_views import comments_context
from web.live.players import Player, player_for

# Before the start, the page says "starting soon" rather than a countdown at zero.
BEFORE, LIVE, ENDED, CANCELED = "before", "live", "ended", "canceled"


def phase_of(session: Livestream, now: datetime.datetime) -> str:
    if session.status == LivestreamStatus.LIVE and now < session.ends_at:
        return LIVE
    if session.status == LivestreamStatus.SCHEDULED and now < session.ends_at:
        return BEFORE
    if session.status == LivestreamStatus.CANCELED:
        return CANCELED
    return ENDED


def _with_products(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each offer row with its product's photo, page and localized name, when listable."""
    variant_ids = [row["variant_id"] for row in rows]
    product_of = dict(
        ProductVariant.objects.filter(pk__in=variant_ids).values_list("pk", "product_id")
    )
    cards = {
        card.product.pk: card
        for card in cards_in_order(storefront_channel(), sorted(set(product_of.values())))
    }
    shown = []
    for row in rows:
        card = cards.get(product_of.get(row["variant_id"], 0))
        extra = {"photo_url": "", "photo_alt": "", "page_url": "", "listed": card is not None}
        if card is not None:
            extra = {
                "photo_url": row.get("thumbnail_url") or card.image_url or "",
                "photo_alt": card.image_alt,
                "page_url": reverse("web:product", args=[card.product.slug]),
                "listed": True,
            }
        shown.append({**row, **extra})
    return shown


def _variant_ids(state: dict[str, Any]) -> dict[int, int]:
    ids = [row["id"] for row in state["offers"]]
    return dict(LiveOffer.objects.filter(pk__in=ids).values_list("pk", "variant_id"))


def in_cart(checkout: Checkout | None, variant_id: int) -> int:
    if checkout is None:
        return 0
    total = CheckoutLine.objects.filter(checkout=checkout, variant_id=variant_id).aggregate(
        units=Sum("quantity")
    )["units"]
    return int(total or 0)


def timeline(session: Livestream) -> list[dict[str, Any]]:
    """The replay's moments: when each offer was pinned, in seconds from the start."""
    began = session.started_at or session.starts_at
    pins = LiveOfferPin.objects.filter(livestream=session).select_related("offer__variant__product")
    moments = []
    for pin in pins:
        seconds = max(int((pin.pinned_at - began).total_seconds()), 0)
        product = pin.offer.variant.product
        moments.append(
            {
                "seconds": seconds,
                "clock": _clock(seconds),
                "offer_id": pin.offer_id,
                "name": product.name,
                "variant": pin.offer.variant.name,
            }
        )
    return moments


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _player(session: Livestream, phase: str, start: int) -> Player | None:
    if phase == ENDED:
        return player_for(session.replay_url, start=start)
    if phase in (LIVE, BEFORE):
        return player_for(session.stream_url, session.platform)
    return None


def watch_context(request: HttpRequest, session: Livestream, start: int = 0) -> dict[str, Any]:
    now = timezone.now()
    phase = phase_of(session, now)
    state = snapshot(session.pk)
    variants = _variant_ids(state)
    rows = [{**row, "variant_id": variants.get(row["id"], 0)} for row in state["offers"]]
    offers = _with_products(rows)
    pinned = next((o for o in offers if o["id"] == state["pinned_offer_id"]), None)
    reminded = False
    if phase == BEFORE and request.user.is_authenticated:
        reminded = LivestreamReminder.objects.filter(
            livestream=session, user_id=request.user.pk, canceled_at__isnull=True
        ).exists()
    player = _player(session, phase, start)
    context: dict[str, Any] = {
        "session": session,
        "phase": phase,
        "state": state,
        "offers": offers,
        "pinned": pinned if phase == LIVE else None,
        "units_sold": state["units_sold"],
        "viewers": state.get("viewers"),
        "player": player,
        "hls": player is not None and player.kind == "hls",
        "timeline": timeline(session) if phase == ENDED and session.replay_url else [],
        "reminded": reminded,
        "seconds_to_start": max(int((session.starts_at - now).total_seconds()), 0),
        # Pushed updates (web/live/_events.html) while there is something to update.
        "realtime": phase in (LIVE, BEFORE),
        "start": start,
        "comments_enabled": phase != CANCELED,
    }
    if phase != CANCELED:
        context.update(comments_context(request, session))
    return context
