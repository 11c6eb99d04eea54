"""The post-live report (also available while live): orders, units and revenue per offer
and per seller, reminder sign-ups and conversion, computed from confirmed claims.

Who sees what (`check_report_access`): the host and officers covering the session (its
programme province, a participating seller's province, or national) see everything; a
member of a participating seller sees only its own seller's lines and totals.

Definitions
- units / revenue: sum of quantity / quantity × unit_price over confirmed claims;
- orders: distinct order ids among confirmed claims (a claim without an order id counts
  as one order);
- buyers: distinct buyer keys among confirmed claims;
- conversion: the share of reminder sign-ups (not cancelled) whose user bought something
  in the session (`buyer_key = "user:<id>"`); None without sign-ups.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from accounts.roles import is_authenticated, scope_of
from livestream.errors import permission_denied
from livestream.models import (
    ClaimStatus,
    LiveOffer,
    LiveOfferClaim,
    Livestream,
    LivestreamReminder,
    LivestreamStatus,
)
from livestream.permissions import officer_covers, runs
from sellers.models import Seller


@dataclass
class Totals:
    orders: int = 0
    units: int = 0
    revenue: int = 0


@dataclass
class OfferLine(Totals):
    offer: LiveOffer | None = None
    units_claimed: int = 0
    remaining: int = 0


@dataclass
class SellerLine(Totals):
    seller: Seller | None = None


@dataclass
class Report(Totals):
    livestream: Livestream | None = None
    generated_at: datetime.datetime | None = None
    is_final: bool = False
    buyers: int = 0
    reminder_signups: int = 0
    converted_signups: int = 0
    offers: list[OfferLine] = field(default_factory=list)
    sellers: list[SellerLine] = field(default_factory=list)

    @property
    def conversion_rate(self) -> float | None:
        if not self.reminder_signups:
            return None
        return round(self.converted_signups / self.reminder_signups, 4)


def check_report_access(user: Any, livestream: Livestream) -> frozenset[int] | None:
    """None: the full report. A set: only these sellers' lines. Raises PERMISSION_DENIED."""
    if not is_authenticated(user):
        permission_denied()
    if runs(user, livestream):
        return None
    scope = scope_of(user)
    participants = list(livestream.participants.select_related("seller"))
    if officer_covers(scope, livestream, {p.seller.province_id for p in participants}):
        return None
    own = frozenset(p.seller_id for p in participants if scope.is_member(p.seller_id))
    if own:
        return own
    permission_denied()


def _orders(claims: Any) -> int:
    counted = claims.aggregate(
        with_id=Count("order_id", distinct=True, filter=~Q(order_id="")),
        without=Count("pk", filter=Q(order_id="")),
    )
    return int(counted["with_id"] or 0) + int(counted["without"] or 0)


def build_report(
    livestream: Livestream,
    only_sellers: frozenset[int] | None = None,
    *,
    now: datetime.datetime | None = None,
) -> Report:
    """A handful of aggregate queries, whatever the number of claims."""
    now = now or timezone.now()
    offers = LiveOffer.objects.filter(livestream=livestream).select_related(
        "variant", "variant__product", "seller"
    )
    claims = LiveOfferClaim.objects.filter(
        offer__livestream=livestream, status=ClaimStatus.CONFIRMED
    )
    if only_sellers is not None:
        offers = offers.filter(seller_id__in=only_sellers)
        claims = claims.filter(offer__seller_id__in=only_sellers)
    revenue = Sum(F("quantity") * F("unit_price"))
    per_offer = {
        row["offer_id"]: row
        for row in claims.values("offer_id").annotate(
            units=Sum("quantity"),
            revenue=revenue,
            orders_with_id=Count("order_id", distinct=True, filter=~Q(order_id="")),
            orders_without=Count("pk", filter=Q(order_id="")),
        )
    }
    per_seller = {
        row["offer__seller_id"]: row
        for row in claims.values("offer__seller_id").annotate(
            units=Sum("quantity"),
            revenue=revenue,
            orders_with_id=Count("order_id", distinct=True, filter=~Q(order_id="")),
            orders_without=Count("pk", filter=Q(order_id="")),
        )
    }

    def totals(row: dict[str, Any] | None) -> dict[str, int]:
        if row is None:
            return {"orders": 0, "units": 0, "revenue": 0}
        return {
            "orders": int(row["orders_with_id"]) + int(row["orders_without"]),
            "units": int(row["units"] or 0),
            "revenue": int(row["revenue"] or 0),
        }

    offer_list = list(offers.order_by("sort_order", "pk"))
    report = Report(
        livestream=livestream,
        generated_at=now,
        is_final=livestream.status in (LivestreamStatus.ENDED, LivestreamStatus.CANCELED),
        offers=[
            OfferLine(
                offer=offer,
                units_claimed=offer.units_claimed,
                remaining=offer.remaining_quantity,
                **totals(per_offer.get(offer.pk)),
            )
            for offer in offer_list
        ],
    )
    sellers: dict[int, Seller] = {}
    for offer in offer_list:
        sellers.setdefault(offer.seller_id, offer.seller)
    report.sellers = [
        SellerLine(seller=seller, **totals(per_seller.get(pk)))
        for pk, seller in sorted(sellers.items(), key=lambda item: item[1].stall_name)
    ]
    report.units = sum(line.units for line in report.offers)
    report.revenue = sum(line.revenue for line in report.offers)
    report.orders = _orders(claims)
    buyer_keys = set(claims.values_list("buyer_key", flat=True).distinct())
    report.buyers = len(buyer_keys)
    signed_up = set(
        LivestreamReminder.objects.filter(
            livestream=livestream, canceled_at__isnull=True
        ).values_list("user_id", flat=True)
    )
    report.reminder_signups = len(signed_up)
    report.converted_signups = sum(1 for user_id in signed_up if f"user:{user_id}" in buyer_keys)
    return report
