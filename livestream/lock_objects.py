"""Row locks for the livestream domain, always taken in primary-key order.

Call inside `transaction.atomic()`. Lock order across the domain: host schedule (advisory) →
livestream → offers (by pk) → per-buyer counters → claims. The hot path (claiming units)
does not take these locks at all: it relies on conditional UPDATEs (see claims.py).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from livestream.models import LiveOffer, LiveOfferClaim, Livestream, LivestreamSeller


def lock_host(user_id: int) -> None:
    """Serialises scheduling of one host's sessions (the overlap check runs under it).

    A transaction-scoped advisory lock keyed by the host, not a lock on the user row: FOR
    UPDATE on the user blocked every insert referencing that user (FOR KEY SHARE), and even
    FOR NO KEY UPDATE would block logins updating it. Only `lock_host` callers contend."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"livestream.host:{user_id}"]
        )


def livestream_qs_select_for_update() -> QuerySet[Livestream]:
    return Livestream.objects.order_by("pk").select_for_update(of=("self",), no_key=True)


def lock_livestream(pk: int) -> Livestream | None:
    return livestream_qs_select_for_update().filter(pk=pk).first()


def lock_offer(pk: int) -> LiveOffer | None:
    """FOR UPDATE (not no-key): the offer may be deleted under this lock (do_delete_offer)."""
    return (
        LiveOffer.objects.order_by("pk")
        .select_for_update(of=("self",), no_key=False)
        .filter(pk=pk)
        .first()
    )


def lock_offers_of(livestream_id: int) -> list[LiveOffer]:
    return list(
        LiveOffer.objects.order_by("pk")
        .select_for_update(no_key=True)
        .filter(livestream_id=livestream_id)
    )


def lock_claim(pk: int) -> LiveOfferClaim | None:
    """FOR NO KEY UPDATE: confirming a claim changes its status and order ids only."""
    return (
        LiveOfferClaim.objects.order_by("pk").select_for_update(no_key=True).filter(pk=pk).first()
    )


def lock_participant(livestream_id: int, seller_id: int) -> LivestreamSeller | None:
    """A seller's participation row, FOR NO KEY UPDATE (agreeing sets two fields)."""
    return (
        LivestreamSeller.objects.select_for_update(no_key=True)
        .filter(livestream_id=livestream_id, seller_id=seller_id)
        .first()
    )
