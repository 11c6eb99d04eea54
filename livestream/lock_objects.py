"""Row locks for the livestream domain, always taken in primary-key order.

Call inside `transaction.atomic()`. Lock order across the domain: host user row →
livestream → offers (by pk) → per-buyer counters → claims. The hot path (claiming units)
does not take these locks at all: it relies on conditional UPDATEs (see claims.py).
"""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from livestream.models import LiveOffer, LiveOfferClaim, Livestream


def lock_host(user_id: int) -> User | None:
    """Serialises scheduling of one host's sessions (the overlap check runs under it)."""
    return User.objects.order_by("pk").select_for_update().filter(pk=user_id).first()


def livestream_qs_select_for_update() -> QuerySet[Livestream]:
    return Livestream.objects.order_by("pk").select_for_update(of=("self",))


def lock_livestream(pk: int) -> Livestream | None:
    return livestream_qs_select_for_update().filter(pk=pk).first()


def lock_offer(pk: int) -> LiveOffer | None:
    return LiveOffer.objects.order_by("pk").select_for_update(of=("self",)).filter(pk=pk).first()


def lock_offers_of(livestream_id: int) -> list[LiveOffer]:
    return list(
        LiveOffer.objects.order_by("pk").select_for_update().filter(livestream_id=livestream_id)
    )


def lock_claim(pk: int) -> LiveOfferClaim | None:
    return LiveOfferClaim.objects.order_by("pk").select_for_update().filter(pk=pk).first()
