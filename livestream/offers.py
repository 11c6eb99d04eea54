"""Live offers: which variants a session sells, at what live price, how many, per buyer.

Rules (FieldError field + code):
- the host, or a member of the variant's seller, manages an offer;
- the seller was invited and agreed to the session (SELLER_NOT_AGREED);
- the product passes THE listing rule, `catalog.listing.is_listable` (PRODUCT_NOT_LISTABLE);
- the live price is below the regular price (PRICE_NOT_BELOW_REGULAR) and below the lowest
  regular price of the last 30 days (PRICE_NOT_BELOW_RECENT_LOW, see price_history);
- the cap is at most the stock available now (QUANTITY_EXCEEDS_STOCK), the per-buyer limit
  at most the cap, and a cap never drops below the units already claimed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import is_authenticated, scope_of
from catalog.listing import is_listable
from catalog.models import Channel, ProductVariant
from core.errors import ValidationErrors
from core.money import format_vnd
from livestream import lock_objects
from livestream.errors import FieldError, fail, permission_denied
from livestream.models import LiveOffer, LiveOfferClaim, Livestream, LivestreamStatus
from livestream.permissions import may_manage_offer
from livestream.price_history import current_price, lowest_recent_price
from livestream.scheduling import check_status

MAX_OFFERS_PER_SESSION = 100  # TikTok's limit per show, a sensible one here too
NOT_CLOSED = (LivestreamStatus.DRAFT, LivestreamStatus.SCHEDULED, LivestreamStatus.LIVE)


def available_stock(variant: ProductVariant) -> int | None:
    """Units free in the seller's warehouses now; None when stock is not tracked."""
    if not variant.track_inventory:
        return None
    return sum(stock.available for stock in variant.stocks.all())


def check_positive(field: str, value: Any) -> int:
    if value is None or int(value) < 1:
        fail(field, _("Must be a positive integer."), "INVALID_QUANTITY")
    return int(value)


def check_live_price(
    variant_id: int, channel_id: int, live_price: int, now: datetime.datetime
) -> None:
    regular = current_price(variant_id, channel_id)
    if regular is None:
        fail("variant", _("The variant has no price in this channel."), "VARIANT_NOT_PRICED")
    if live_price < 1:
        fail("live_price", _("The price must be above 0 ₫."), "INVALID")
    if live_price >= regular:
        fail(
            "live_price",
            _("The live price must be below the regular price (%(regular)s)."),
            "PRICE_NOT_BELOW_REGULAR",
            regular=format_vnd(regular),
        )
    low = lowest_recent_price(variant_id, channel_id, now)
    if low is not None and live_price >= low:
        fail(
            "live_price",
            _("The live price must be below the 30-day lowest price (%(low)s)."),
            "PRICE_NOT_BELOW_RECENT_LOW",
            low=format_vnd(low),
        )


def check_quantities(
    variant: ProductVariant, quantity_cap: int, per_buyer_limit: int, claimed: int = 0
) -> None:
    cap = check_positive("quantity_cap", quantity_cap)
    limit = check_positive("per_buyer_limit", per_buyer_limit)
    if limit > cap:
        fail(
            "per_buyer_limit",
            _("The per-buyer limit cannot exceed the quantity cap."),
            "PER_BUYER_LIMIT_EXCEEDS_CAP",
        )
    if cap < claimed:
        fail(
            "quantity_cap",
            _("%(claimed)s units are already claimed; the cap cannot go below that."),
            "CAP_BELOW_CLAIMED",
            claimed=claimed,
        )
    stock = available_stock(variant)
    if stock is not None and cap - claimed > stock:
        fail(
            "quantity_cap",
            _("Only %(stock)s units are in stock."),
            "QUANTITY_EXCEEDS_STOCK",
            stock=stock,
        )


def _offer_variant(variant_id: int) -> ProductVariant:
    variant = (
        ProductVariant.objects.select_related("product", "product__seller")
        .prefetch_related("stocks")
        .filter(pk=variant_id)
        .first()
    )
    if variant is None:
        fail("variant", _("Product variant not found."), "NOT_FOUND")
    return variant


def do_create_offer(
    actor: User,
    livestream_id: int,
    *,
    variant_id: int,
    channel: Channel,
    live_price: int,
    quantity_cap: int,
    per_buyer_limit: int,
    now: datetime.datetime | None = None,
) -> LiveOffer:
    """Add an offer to a draft, scheduled or live session, in one transaction (the outermost).

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`), so the offer count and
    the duplicate check see settled offers; the variant is read, not locked.
    """
    now = now or timezone.now()
    if not is_authenticated(actor):
        permission_denied()
    scope = scope_of(actor)
    with transaction.atomic(durable=True):
        livestream = lock_objects.lock_livestream(livestream_id)
        if livestream is None:
            fail("livestream", _("Livestream not found."), "NOT_FOUND")
        variant = _offer_variant(variant_id)
        seller_id = variant.product.seller_id
        if not may_manage_offer(actor, scope, livestream, seller_id):
            permission_denied()
        check_status(livestream, NOT_CLOSED)
        if not livestream.participants.filter(
            seller_id=seller_id, agreed_at__isnull=False
        ).exists():
            fail(
                "variant",
                _("The product's seller has not agreed to this session."),
                "SELLER_NOT_AGREED",
            )
        if not is_listable(variant.product, channel):
            fail(
                "variant",
                _("The product cannot be sold (not approved or no valid OCOP certificate)."),
                "PRODUCT_NOT_LISTABLE",
            )
        check_live_price(variant.pk, channel.pk, int(live_price), now)
        check_quantities(variant, quantity_cap, per_buyer_limit)
        existing = LiveOffer.objects.filter(livestream=livestream)
        if existing.count() >= MAX_OFFERS_PER_SESSION:
            fail(
                "variant",
                _("A session has at most %(limit)s offers."),
                "TOO_MANY_OFFERS",
                limit=MAX_OFFERS_PER_SESSION,
            )
        if existing.filter(variant=variant, channel=channel).exists():
            raise ValidationErrors([duplicate()])
        order = existing.aggregate(top=Max("sort_order"))["top"]
        try:
            with transaction.atomic():
                offer = LiveOffer.objects.create(
                    livestream=livestream,
                    variant=variant,
                    channel=channel,
                    seller_id=seller_id,
                    live_price=int(live_price),
                    quantity_cap=int(quantity_cap),
                    per_buyer_limit=int(per_buyer_limit),
                    sort_order=(order or 0) + 1,
                    created_by=actor,
                    created_at=now,
                )
        except IntegrityError:
            raise ValidationErrors([duplicate()]) from None
    return offer


def duplicate() -> FieldError:
    return FieldError(
        "variant", _("This variant is already offered in the session."), "DUPLICATE_OFFER"
    )


def _locked_offer(actor: User, offer_id: int) -> tuple[Livestream, LiveOffer]:
    """Session lock, then offer lock; checks the actor may manage the offer."""
    if not is_authenticated(actor):
        permission_denied()
    found = LiveOffer.objects.filter(pk=offer_id).values_list("livestream_id", flat=True).first()
    if found is None:
        fail("id", _("Live offer not found."), "NOT_FOUND")
    livestream = lock_objects.lock_livestream(found)
    offer = lock_objects.lock_offer(offer_id)
    assert livestream is not None and offer is not None
    if not may_manage_offer(actor, scope_of(actor), livestream, offer.seller_id):
        permission_denied()
    return livestream, offer


def do_update_offer(
    actor: User, offer_id: int, changes: Mapping[str, Any], *, now: datetime.datetime | None = None
) -> LiveOffer:
    """Change price, cap or per-buyer limit. Under the offer row lock, concurrent claims wait,
    so the cap is compared with a settled `units_claimed`. One transaction, the outermost.

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`), then the offer row, FOR
    UPDATE (`lock_offer`).
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        livestream, offer = _locked_offer(actor, offer_id)
        check_status(livestream, NOT_CLOSED)
        if changes.get("live_price") is not None:
            check_live_price(offer.variant_id, offer.channel_id, int(changes["live_price"]), now)
            offer.live_price = int(changes["live_price"])
        if changes.get("quantity_cap") is not None:
            offer.quantity_cap = int(changes["quantity_cap"])
        if changes.get("per_buyer_limit") is not None:
            offer.per_buyer_limit = int(changes["per_buyer_limit"])
        check_quantities(
            _offer_variant(offer.variant_id),
            offer.quantity_cap,
            offer.per_buyer_limit,
            offer.units_claimed,
        )
        offer.save(update_fields=["live_price", "quantity_cap", "per_buyer_limit", "updated_at"])
    return offer


def do_delete_offer(actor: User, offer_id: int) -> int:
    """Remove an offer nobody bought from; returns the session id. One transaction, the
    outermost.

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`), then the offer row, FOR
    UPDATE (`lock_offer`: it is deleted).
    """
    with transaction.atomic(durable=True):
        livestream, offer = _locked_offer(actor, offer_id)
        check_status(livestream, NOT_CLOSED)
        if offer.units_claimed or LiveOfferClaim.objects.filter(offer=offer).exists():
            fail("id", _("The offer has sales and cannot be deleted."), "OFFER_HAS_SALES")
        offer.delete()
    return livestream.pk
