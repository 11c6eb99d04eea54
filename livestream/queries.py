"""Which sessions a viewer may list, and the public listings: upcoming, live now, past —
overall, per stall (seller) and per province."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.roles import Scope
from livestream.models import Livestream, LivestreamSeller, LivestreamStatus, public_q


def public_livestreams() -> QuerySet[Livestream]:
    return Livestream.objects.filter(public_q())


def visible_livestreams(user: Any, scope: Scope | None = None) -> QuerySet[Livestream]:
    """`Livestream.objects.visible_to` (livestream.models)."""
    return Livestream.objects.visible_to(user, scope)


def agreed_sellers_q(**seller_filter: Any) -> Q:
    participants = LivestreamSeller.objects.filter(
        livestream=OuterRef("pk"),
        agreed_at__isnull=False,
        **{f"seller__{k}": v for k, v in seller_filter.items()},
    )
    return Q(Exists(participants))


def for_seller(qs: QuerySet[Livestream], seller_slug: str) -> QuerySet[Livestream]:
    """A stall's sessions: those its seller agreed to take part in."""
    return qs.filter(agreed_sellers_q(slug=seller_slug))


def for_province(qs: QuerySet[Livestream], province_code: str) -> QuerySet[Livestream]:
    """A province's sessions: its programmes, and those selling its sellers' goods."""
    return qs.filter(
        Q(programme_province__code=province_code) | agreed_sellers_q(province__code=province_code)
    )


def upcoming_q(now: datetime.datetime) -> Q:
    return Q(status=LivestreamStatus.SCHEDULED, ends_at__gt=now)


def live_now_q() -> Q:
    return Q(status=LivestreamStatus.LIVE)


def past_q() -> Q:
    return Q(status=LivestreamStatus.ENDED)


def apply_filter(
    qs: QuerySet[Livestream], flt: dict[str, Any], now: datetime.datetime | None = None
) -> QuerySet[Livestream]:
    """`status` (list), `seller` (slug), `province` (code); `upcoming`/`liveNow`/`past`
    combine with OR (upcoming + liveNow = everything not yet over)."""
    now = now or timezone.now()
    if flt.get("status"):
        qs = qs.filter(status__in=list(flt["status"]))
    if flt.get("seller"):
        qs = for_seller(qs, flt["seller"])
    if flt.get("province"):
        qs = for_province(qs, flt["province"])
    when = Q()
    matched = False
    for key, q in (("upcoming", upcoming_q(now)), ("live_now", live_now_q()), ("past", past_q())):
        if flt.get(key):
            when |= q
            matched = True
    if matched:
        qs = qs.filter(when)
    return qs


def ordered(qs: QuerySet[Livestream], flt: dict[str, Any]) -> QuerySet[Livestream]:
    """Past sessions newest first; everything else soonest first."""
    only_past = flt.get("past") and not flt.get("upcoming") and not flt.get("live_now")
    if only_past:
        return qs.order_by("-starts_at", "-pk")
    return qs.order_by("starts_at", "pk")


def upcoming_public(now: datetime.datetime | None = None) -> QuerySet[Livestream]:
    """What the .ics feeds publish: public sessions not over yet (scheduled or live)."""
    now = now or timezone.now()
    return public_livestreams().filter(upcoming_q(now) | live_now_q()).order_by("starts_at", "pk")
