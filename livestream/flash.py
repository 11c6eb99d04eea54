"""Flash deals: the host launches one on an offer of a live session; after a countdown of
10–300 s it opens for 1–20 minutes at a still lower price, with its own cap and per-buyer
limit.

Rules (FieldError field + code):
- only the session's host (or a superuser) launches one (PERMISSION_DENIED), while the
  session is live (INVALID_STATUS), on an offer of that session (OFFER_NOT_IN_LIVESTREAM);
- one flash deal at a time per session (FLASH_DEAL_RUNNING);
- countdown 10–300 s (FLASH_COUNTDOWN_OUT_OF_RANGE), duration 1–20 min
  (FLASH_DURATION_OUT_OF_RANGE), and it closes before the session's planned end
  (FLASH_AFTER_SESSION_END);
- the price follows the live-price rules (below the regular price and the 30-day low) and
  is below the offer's live price (FLASH_PRICE_NOT_BELOW_LIVE);
- cap and per-buyer limit as for offers: positive, limit ≤ cap, cap ≤ stock.

Open or not is derived from the times (`opens_at <= now < closes_at`), by pricing, claims
and the state every event carries, so a deal opens and closes exactly on time whatever the
workers do. `announce_due` (a beat task every few seconds) only tells viewers afterwards:
each transition is claimed by a conditional UPDATE, so it is announced once.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.errors import FieldError, ValidationErrors
from core.money import format_vnd
from livestream import lock_objects
from livestream.errors import fail, permission_denied
from livestream.events import announce_state
from livestream.models import FlashDeal, LiveOffer, LivestreamStatus
from livestream.offers import _offer_variant, check_live_price, check_positive, check_quantities
from livestream.permissions import runs
from livestream.scheduling import check_status

COUNTDOWN_SECONDS = (10, 300)
DURATION_MINUTES = (1, 20)


def check_window(countdown_seconds: Any, duration_minutes: Any) -> tuple[int, int]:
    """Both fields at once, so the form shows both errors together."""
    errors = []
    countdown = _int_or_none(countdown_seconds)
    duration = _int_or_none(duration_minutes)
    if countdown is None or not COUNTDOWN_SECONDS[0] <= countdown <= COUNTDOWN_SECONDS[1]:
        errors.append(
            FieldError(
                "countdown_seconds",
                _("The countdown must be between %(low)s and %(high)s seconds."),
                "FLASH_COUNTDOWN_OUT_OF_RANGE",
                {"low": COUNTDOWN_SECONDS[0], "high": COUNTDOWN_SECONDS[1]},
            )
        )
    if duration is None or not DURATION_MINUTES[0] <= duration <= DURATION_MINUTES[1]:
        errors.append(
            FieldError(
                "duration_minutes",
                _("The duration must be between %(low)s and %(high)s minutes."),
                "FLASH_DURATION_OUT_OF_RANGE",
                {"low": DURATION_MINUTES[0], "high": DURATION_MINUTES[1]},
            )
        )
    if errors:
        raise ValidationErrors(errors)
    assert countdown is not None and duration is not None
    return countdown, duration


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def check_flash_price(offer: LiveOffer, flash_price: Any, now: datetime.datetime) -> int:
    price = check_positive("flash_price", flash_price)
    try:
        check_live_price(offer.variant_id, offer.channel_id, price, now)
    except ValidationErrors as refused:
        # The live-price rules speak of "live_price"; here the field is the flash price.
        for error in refused.errors:
            if error.field == "live_price":
                error.field = "flash_price"
        raise
    if price >= offer.live_price:
        fail(
            "flash_price",
            _("The flash price must be below the offer's live price (%(live)s)."),
            "FLASH_PRICE_NOT_BELOW_LIVE",
            live=format_vnd(offer.live_price),
        )
    return price


def do_launch_flash(
    actor: User,
    offer_id: int,
    *,
    flash_price: Any,
    quantity_cap: Any,
    per_buyer_limit: Any,
    countdown_seconds: Any,
    duration_minutes: Any,
    now: datetime.datetime | None = None,
) -> FlashDeal:
    """Launch a flash deal (see the module docstring for the rules). One transaction, the
    outermost; viewers are told (`flash.scheduled`) after commit.

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`), so two launches in one
    session queue and the second sees the first; the offer and variant are read, not locked.
    """
    now = now or timezone.now()
    found = LiveOffer.objects.filter(pk=offer_id).values_list("livestream_id", flat=True).first()
    if found is None:
        fail("offer", _("Live offer not found."), "NOT_FOUND")
    with transaction.atomic(durable=True):
        livestream = lock_objects.lock_livestream(found)
        assert livestream is not None
        if not runs(actor, livestream):
            permission_denied()
        check_status(livestream, (LivestreamStatus.LIVE,))
        offer = LiveOffer.objects.get(pk=offer_id)
        countdown, duration = check_window(countdown_seconds, duration_minutes)
        opens_at = now + datetime.timedelta(seconds=countdown)
        closes_at = opens_at + datetime.timedelta(minutes=duration)
        if closes_at > livestream.ends_at:
            fail(
                "duration_minutes",
                _("The flash deal must close before the session ends."),
                "FLASH_AFTER_SESSION_END",
            )
        price = check_flash_price(offer, flash_price, now)
        check_quantities(_offer_variant(offer.variant_id), quantity_cap, per_buyer_limit)
        if FlashDeal.objects.filter(livestream=livestream, closes_at__gt=now).exists():
            fail(
                "offer",
                _("A flash deal is already running in this session; wait until it closes."),
                "FLASH_DEAL_RUNNING",
            )
        deal = FlashDeal.objects.create(
            livestream=livestream,
            offer=offer,
            flash_price=price,
            quantity_cap=int(quantity_cap),
            per_buyer_limit=int(per_buyer_limit),
            opens_at=opens_at,
            closes_at=closes_at,
            created_by=actor,
            created_at=now,
        )
        announce_state(livestream.pk, "flash.scheduled")
    return deal


def announce_due(now: datetime.datetime | None = None) -> dict[str, list[int]]:
    """The beat task's body: tell viewers of flash deals that opened or closed since the
    last tick (flash.opened / flash.closed), each transition once. Returns the deal ids."""
    now = now or timezone.now()
    table = FlashDeal._meta.db_table
    done: dict[str, list[int]] = {}
    for kind, column, edge in (
        ("flash.opened", "opened_announced_at", "opens_at"),
        ("flash.closed", "closed_announced_at", "closes_at"),
    ):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET {column} = %(now)s "
                    f"WHERE {column} IS NULL AND {edge} <= %(now)s "
                    f"RETURNING id, livestream_id",
                    {"now": now},
                )
                rows = sorted(cursor.fetchall())
            for livestream_id in sorted({row[1] for row in rows}):
                announce_state(livestream_id, kind)
        done[kind] = [row[0] for row in rows]
    return done
