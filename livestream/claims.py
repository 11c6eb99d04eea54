"""Claiming live-offer units at checkout completion: never above the cap, never above the
per-buyer limit, whatever the number of concurrent buyers or tabs.

How checkout uses it (inside ITS checkout-completion `transaction.atomic()`, after stock
is allocated and before the order is committed; payment calls stay outside):

    offers = live_offers_for(variant_ids, channel, now)       # pricing.py, read only
    for line in sorted(lines_with_offers, key=offer_id):       # offer-id order: no deadlock
        claim = claim_offer_units(offer.pk, buyer_key_for(user_id=..., email=...), qty, at=now)
        unit_price = claim.unit_price                          # charge this
    ... create the order and its lines ...
    confirm_claim(claim.pk, order_id=..., order_line_id=...)  # attribution for reports
    # later, if the order fails or is canceled:  release_claims_of_order(order_id)

Atomicity, with no explicit SELECT … FOR UPDATE:
1. the buyer's counter row (offer, buyer_key) is created if missing (INSERT … ON CONFLICT
   DO NOTHING), then `UPDATE … SET units = units + q WHERE … AND units + q <= limit`.
   Two tabs of the same buyer hit the same row: the second UPDATE waits for the first
   transaction, re-checks `units + q <= limit` on the committed value, and fails cleanly.
2. `UPDATE liveoffer SET units_claimed = units_claimed + q WHERE id = … AND units_claimed
   + q <= quantity_cap AND <session live at `at`>`. Concurrent buyers queue on the offer
   row; each re-checks the cap on the latest value. A CHECK constraint
   (units_claimed <= quantity_cap) backs it.
3. a LiveOfferClaim row records quantity, unit price and buyer.
Locks held until the caller's transaction ends: the buyer's counter row, then the offer
row (always in that order; the offer row is the contended one, so claim late in the
completion transaction and commit promptly). Steps run in a savepoint, so a refused claim
leaves nothing behind even if the caller catches the error and goes on.
Flash deals: while one is open on the offer, the units are claimed against ITS cap and
per-buyer counter (`FlashDeal`, `FlashDealBuyer`) the same way, at the flash price, and
the UPDATE re-checks the flash window at `at`; the claim records the deal, so releasing it
gives the units back there.
Stock is not touched here: checkout's own stock allocation (Stock CHECK constraints)
still refuses selling more than is in stock.
Viewers are told: a claim and a release each announce "offer.sold" (livestream.events), sent
with the fresh units left once the caller's transaction commits, and never if it rolls back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from livestream import lock_objects
from livestream.events import announce_state
from livestream.models import (
    ClaimStatus,
    FlashDeal,
    FlashDealBuyer,
    LiveOffer,
    LiveOfferBuyer,
    LiveOfferClaim,
    LivestreamStatus,
)
from livestream.pricing import regular_prices

# Domain error codes (checkout maps them onto its CheckoutErrorCode).
LIVE_OFFER_NOT_FOUND = "LIVE_OFFER_NOT_FOUND"
LIVE_OFFER_NOT_LIVE = "LIVE_OFFER_NOT_LIVE"
LIVE_OFFER_NOT_APPLICABLE = "LIVE_OFFER_NOT_APPLICABLE"
LIVE_OFFER_SOLD_OUT = "LIVE_OFFER_SOLD_OUT"
LIVE_OFFER_BUYER_LIMIT = "LIVE_OFFER_BUYER_LIMIT"
LIVE_OFFER_INVALID_QUANTITY = "LIVE_OFFER_INVALID_QUANTITY"
LIVE_OFFER_CLAIM_RELEASED = "LIVE_OFFER_CLAIM_RELEASED"
LIVE_OFFER_FLASH_CLOSED = "LIVE_OFFER_FLASH_CLOSED"

_MESSAGES = {
    LIVE_OFFER_NOT_FOUND: _("Live offer not found."),
    LIVE_OFFER_NOT_LIVE: _("The session is not live; the live price no longer applies."),
    LIVE_OFFER_NOT_APPLICABLE: _("The regular price is now below the live price."),
    LIVE_OFFER_SOLD_OUT: _("The live offer is sold out."),
    LIVE_OFFER_BUYER_LIMIT: _("You reached this offer's per-buyer limit."),
    LIVE_OFFER_INVALID_QUANTITY: _("The quantity must be positive."),
    LIVE_OFFER_CLAIM_RELEASED: _("The claim was released earlier."),
    LIVE_OFFER_FLASH_CLOSED: _("The flash deal has closed; the price has changed."),
}


@dataclass
class LiveOfferError(Exception):
    """A refused claim. `available` is how many units the buyer could still claim (cap or
    per-buyer limit, whichever refused), when known."""

    code: str
    offer_id: int
    available: int | None = None

    @property
    def message(self) -> str:
        return str(_MESSAGES[self.code])

    def __str__(self) -> str:
        return f"{self.code} (offer {self.offer_id}): {self.message}"


Claim = LiveOfferClaim


def buyer_key_for(*, user_id: int | None = None, email: str | None = None) -> str:
    """The per-buyer identity: the user when signed in, else the checkout email (lower-case).
    Use the same key for every checkout of a buyer, so two tabs share one limit."""
    if user_id is not None:
        return f"user:{user_id}"
    if email and email.strip():
        return f"email:{email.strip().lower()}"
    raise ValueError("a buyer is identified by a user id or an email")


def _require_transaction() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError(
            "claim_offer_units/release_claim/confirm_claim must run inside the checkout "
            "completion transaction (transaction.atomic())"
        )


def _fetch_offer(offer_id: int) -> LiveOffer:
    offer = LiveOffer.objects.select_related("livestream").filter(pk=offer_id).first()
    if offer is None:
        raise LiveOfferError(LIVE_OFFER_NOT_FOUND, offer_id)
    return offer


def _is_live(offer: LiveOffer, at: datetime.datetime) -> bool:
    session = offer.livestream
    return session.status == LivestreamStatus.LIVE and session.starts_at <= at < session.ends_at


AUTO = -1  # `flash_deal_id`'s default: the flash deal open now, if any


def claim_offer_units(
    offer_id: int,
    buyer_key: str,
    quantity: int,
    *,
    at: datetime.datetime | None = None,
    flash_deal_id: int | None = AUTO,
) -> LiveOfferClaim:
    """Reserve `quantity` units of a live offer for `buyer_key`, at the live price.

    MUST be called inside the checkout-completion transaction (raises RuntimeError
    otherwise). Takes, until that transaction ends, the row locks of the buyer's counter
    (offer, buyer_key) and then of the offer; call it once per offer, in offer-id order.
    Raises LiveOfferError with code LIVE_OFFER_NOT_FOUND / LIVE_OFFER_INVALID_QUANTITY /
    LIVE_OFFER_NOT_LIVE / LIVE_OFFER_NOT_APPLICABLE / LIVE_OFFER_BUYER_LIMIT /
    LIVE_OFFER_SOLD_OUT / LIVE_OFFER_FLASH_CLOSED; then nothing was written. Returns the
    claim (status `reserved`): charge `claim.unit_price` per unit, then `confirm_claim` once
    the order line exists.

    `flash_deal_id`: the flash deal the caller priced the line with (`offer.flash_deal` from
    `pricing.live_offers_for`), None for the plain live price; by default the deal open at
    `at`, if any. A deal that is no longer open refuses (LIVE_OFFER_FLASH_CLOSED), so the
    buyer is never charged a price other than the one shown.
    """
    _require_transaction()
    moment = at or timezone.now()
    if int(quantity) < 1:
        raise LiveOfferError(LIVE_OFFER_INVALID_QUANTITY, offer_id)
    offer = _fetch_offer(offer_id)
    if not _is_live(offer, moment):
        raise LiveOfferError(LIVE_OFFER_NOT_LIVE, offer_id)
    regular = regular_prices([offer.variant_id], offer.channel_id).get(offer.variant_id)
    if regular is None or offer.live_price >= regular:
        raise LiveOfferError(LIVE_OFFER_NOT_APPLICABLE, offer_id)
    if flash_deal_id == AUTO:
        flash_deal_id = (
            FlashDeal.objects.filter(
                offer_id=offer_id,
                opens_at__lte=moment,
                closes_at__gt=moment,
                units_claimed__lt=F("quantity_cap"),
            )
            .values_list("pk", flat=True)
            .first()
        )
    if flash_deal_id is not None:
        return _claim_flash_units(offer, flash_deal_id, buyer_key, int(quantity), moment)
    offers = LiveOffer._meta.db_table
    sessions = offer.livestream._meta.db_table
    with transaction.atomic():  # a savepoint: a refusal undoes the steps below
        _take_buyer_units(
            LiveOfferBuyer, "offer_id", offer_id, offers, buyer_key, quantity,
            offer_pk=offer_id, limit=offer.per_buyer_limit,
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {offers} AS o SET units_claimed = o.units_claimed + %(q)s "
                f"WHERE o.id = %(offer)s AND o.units_claimed + %(q)s <= o.quantity_cap "
                f"AND EXISTS (SELECT 1 FROM {sessions} AS s WHERE s.id = o.livestream_id "
                f"AND s.status = 'live' AND s.starts_at <= %(at)s AND s.ends_at > %(at)s) "
                f"RETURNING o.live_price",
                {"q": quantity, "offer": offer_id, "at": moment},
            )
            row = cursor.fetchone()
        if row is None:
            fresh = _fetch_offer(offer_id)
            if not _is_live(fresh, moment):
                raise LiveOfferError(LIVE_OFFER_NOT_LIVE, offer_id)
            raise LiveOfferError(LIVE_OFFER_SOLD_OUT, offer_id, fresh.remaining_quantity)
        claim = LiveOfferClaim.objects.create(
            offer_id=offer_id,
            buyer_key=buyer_key,
            quantity=quantity,
            unit_price=int(row[0]),
            created_at=moment,
        )
        # Registered inside the savepoint: sent only if the checkout's transaction commits.
        announce_state(offer.livestream_id, "offer.sold")
        return claim


def _take_buyer_units(
    counter: Any,
    owner_column: str,
    owner_id: int,
    owner_table: str,
    buyer_key: str,
    quantity: int,
    *,
    offer_pk: int,
    limit: int,
) -> None:
    """Step 1 of a claim, for an offer's or a flash deal's buyer counter (`counter`, whose
    `owner_column` points at `owner_table`, which holds `per_buyer_limit`): create the row if
    missing, then add `quantity` only within the limit, re-checked on the committed value.
    Locks the buyer's counter row until the caller's transaction ends."""
    counter.objects.bulk_create(
        [counter(**{owner_column: owner_id}, buyer_key=buyer_key, units=0)],
        ignore_conflicts=True,
    )
    table = counter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS b SET units = b.units + %(q)s "
            f"WHERE b.{owner_column} = %(owner)s AND b.buyer_key = %(buyer)s "
            f"AND b.units + %(q)s <= (SELECT o.per_buyer_limit FROM {owner_table} AS o "
            f"WHERE o.id = %(owner)s) RETURNING b.units",
            {"q": quantity, "owner": owner_id, "buyer": buyer_key},
        )
        if cursor.fetchone() is not None:
            return
    held = (
        counter.objects.filter(**{owner_column: owner_id}, buyer_key=buyer_key)
        .values_list("units", flat=True)
        .first()
        or 0
    )
    raise LiveOfferError(LIVE_OFFER_BUYER_LIMIT, offer_pk, max(limit - held, 0))


def _claim_flash_units(
    offer: LiveOffer, deal_id: int, buyer_key: str, quantity: int, moment: datetime.datetime
) -> LiveOfferClaim:
    """`claim_offer_units` within a flash deal: the same two conditional UPDATEs, on the
    deal's buyer counter and on the deal (cap, window at `moment`, session live)."""
    deal = FlashDeal.objects.filter(pk=deal_id, offer_id=offer.pk).first()
    if deal is None or not deal.is_open_at(moment):
        raise LiveOfferError(LIVE_OFFER_FLASH_CLOSED, offer.pk)
    regular = regular_prices([offer.variant_id], offer.channel_id).get(offer.variant_id)
    if regular is None or deal.flash_price >= regular:
        raise LiveOfferError(LIVE_OFFER_NOT_APPLICABLE, offer.pk)
    deals = FlashDeal._meta.db_table
    sessions = offer.livestream._meta.db_table
    with transaction.atomic():  # a savepoint: a refusal undoes the steps below
        _take_buyer_units(
            FlashDealBuyer, "flash_deal_id", deal_id, deals, buyer_key, quantity,
            offer_pk=offer.pk, limit=deal.per_buyer_limit,
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {deals} AS d SET units_claimed = d.units_claimed + %(q)s "
                f"WHERE d.id = %(deal)s AND d.units_claimed + %(q)s <= d.quantity_cap "
                f"AND d.opens_at <= %(at)s AND d.closes_at > %(at)s "
                f"AND EXISTS (SELECT 1 FROM {sessions} AS s WHERE s.id = d.livestream_id "
                f"AND s.status = 'live' AND s.starts_at <= %(at)s AND s.ends_at > %(at)s) "
                f"RETURNING d.flash_price",
                {"q": quantity, "deal": deal_id, "at": moment},
            )
            row = cursor.fetchone()
        if row is None:
            fresh = _fetch_offer(offer.pk)
            if not _is_live(fresh, moment):
                raise LiveOfferError(LIVE_OFFER_NOT_LIVE, offer.pk)
            left = FlashDeal.objects.get(pk=deal_id).remaining_quantity
            raise LiveOfferError(LIVE_OFFER_SOLD_OUT, offer.pk, left)
        claim = LiveOfferClaim.objects.create(
            offer_id=offer.pk,
            flash_deal_id=deal_id,
            buyer_key=buyer_key,
            quantity=quantity,
            unit_price=int(row[0]),
            created_at=moment,
        )
        # Registered inside the savepoint: sent only if the checkout's transaction commits.
        announce_state(offer.livestream_id, "offer.sold")
        return claim


def confirm_claim(
    claim_id: int,
    *,
    order_id: str = "",
    order_line_id: str = "",
    at: datetime.datetime | None = None,
) -> LiveOfferClaim:
    """Attribute a reserved claim to the order line created for it (reports count only
    confirmed claims). Idempotent. Call inside the same completion transaction; takes the
    claim row lock. Raises LiveOfferError(LIVE_OFFER_CLAIM_RELEASED) for a released claim."""
    _require_transaction()
    moment = at or timezone.now()
    claim = lock_objects.lock_claim(claim_id)
    if claim is None:
        raise LiveOfferError(LIVE_OFFER_NOT_FOUND, 0)
    if claim.status == ClaimStatus.RELEASED:
        raise LiveOfferError(LIVE_OFFER_CLAIM_RELEASED, claim.offer_id)
    if claim.status == ClaimStatus.RESERVED:
        claim.status = ClaimStatus.CONFIRMED
        claim.order_id, claim.order_line_id = str(order_id), str(order_line_id)
        claim.confirmed_at = moment
        claim.save(update_fields=["status", "order_id", "order_line_id", "confirmed_at"])
    return claim


def release_claim(claim_id: int, *, at: datetime.datetime | None = None) -> bool:
    """Give a claim's units back (order failed, canceled, or refunded before shipping).

    Idempotent: True the first time, False afterwards. Call inside a transaction (the
    order-cancel one); takes the claim row, then the buyer counter row, then the offer row
    (for a flash-deal claim: the deal's buyer counter row, then the deal row).
    Units released after the session ended return to the cap but can no longer be sold.
    """
    _require_transaction()
    moment = at or timezone.now()
    claims = LiveOfferClaim._meta.db_table
    buyers = LiveOfferBuyer._meta.db_table
    offers = LiveOffer._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {claims} SET status = 'released', released_at = %(at)s "
            f"WHERE id = %(claim)s AND status IN ('reserved', 'confirmed') "
            f"RETURNING offer_id, buyer_key, quantity, flash_deal_id",
            {"claim": claim_id, "at": moment},
        )
        row = cursor.fetchone()
        if row is None:
            return False
        offer_id, buyer_key, quantity, deal_id = row
        if deal_id is not None:
            cursor.execute(
                f"UPDATE {FlashDealBuyer._meta.db_table} SET units = units - %(q)s "
                f"WHERE flash_deal_id = %(deal)s AND buyer_key = %(buyer)s",
                {"q": quantity, "deal": deal_id, "buyer": buyer_key},
            )
            cursor.execute(
                f"UPDATE {FlashDeal._meta.db_table} SET units_claimed = units_claimed - %(q)s "
                f"WHERE id = %(deal)s RETURNING livestream_id",
                {"q": quantity, "deal": deal_id},
            )
            (livestream_id,) = cursor.fetchone()
            announce_state(int(livestream_id), "offer.sold")  # sent once the cancel commits
            return True
        cursor.execute(
            f"UPDATE {buyers} SET units = units - %(q)s WHERE offer_id = %(offer)s "
            f"AND buyer_key = %(buyer)s",
            {"q": quantity, "offer": offer_id, "buyer": buyer_key},
        )
        cursor.execute(
            f"UPDATE {offers} SET units_claimed = units_claimed - %(q)s WHERE id = %(offer)s "
            f"RETURNING livestream_id",
            {"q": quantity, "offer": offer_id},
        )
        released = cursor.fetchone()
    if released is not None:  # viewers see the units come back once the cancel commits
        announce_state(int(released[0]), "offer.sold")
    return True


def release_claims_of_order(order_id: str, *, at: datetime.datetime | None = None) -> int:
    """Release every live claim attributed to an order (order canceled or never paid);
    returns how many were released. Idempotent; same locks and transaction rule as
    `release_claim`, taken in claim-id order."""
    _require_transaction()
    ids = LiveOfferClaim.objects.filter(
        order_id=str(order_id), status__in=(ClaimStatus.RESERVED, ClaimStatus.CONFIRMED)
    ).order_by("pk")
    return sum(release_claim(pk, at=at) for pk in ids.values_list("pk", flat=True))
