"""Livestream queries: a fixed number of SQL queries per page, whatever its size."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import graphene
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from catalog.models import Channel, Product
from livestream.models import (
    ClaimStatus,
    LiveOffer,
    LiveOfferClaim,
    Livestream,
    LivestreamReminder,
    LivestreamSeller,
)
from livestream.queries import apply_filter, ordered
from livestream.reports import Report
from storefront_api.catalog.lookups import prepare_products
from storefront_api.core.connection import paginate
from storefront_api.core.mutation import enum_value
from storefront_api.core.selection import selected_paths, wants
from storefront_api.livestream.types import LivestreamCountableConnection
from storefront_api.sellers.permissions import viewer_scope

PRODUCT_PREFIXES = (
    "offers.product.",
    "offers.variant.product.",
    "pinnedOffer.product.",
    "pinnedOffer.variant.product.",
    "offer.product.",
    "offer.variant.product.",
)


def _units_sold() -> Subquery:
    sold = (
        LiveOfferClaim.objects.filter(offer=OuterRef("pk"), status=ClaimStatus.CONFIRMED)
        .values("offer")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return Coalesce(Subquery(sold, output_field=IntegerField()), 0)  # type: ignore[return-value]


def offer_queryset(paths: set[str]) -> QuerySet[LiveOffer]:
    """Offers with everything their fields read, batched."""
    related = ["variant", "variant__product", "seller", "seller__province", "channel"]
    qs = LiveOffer.objects.select_related(*related).annotate(units_sold=_units_sold())
    variant_lookups: list[Any] = ["channel_listings"]
    if any(p.endswith("quantityAvailable") for p in paths):
        variant_lookups.append("stocks")
    return qs.prefetch_related(*(f"variant__{name}" for name in variant_lookups)).order_by(
        "sort_order", "pk"
    )


def _prepare_offer_products(offers: list[LiveOffer], paths: set[str]) -> None:
    """The catalog's own batching for the offered products, per channel."""
    product_paths = {
        p[len(prefix) :] for p in paths for prefix in PRODUCT_PREFIXES if p.startswith(prefix)
    }
    by_channel: dict[int, dict[int, Product]] = defaultdict(dict)
    channels: dict[int, Channel] = {}
    for offer in offers:
        by_channel[offer.channel_id][offer.variant.product_id] = offer.variant.product
        channels[offer.channel_id] = offer.channel
    if not product_paths:
        return
    for channel_id, products in by_channel.items():
        prepare_products(list(products.values()), channels[channel_id], product_paths)


def prepare_livestreams(
    items: list[Livestream], info: graphene.ResolveInfo, paths: set[str]
) -> list[Livestream]:
    """Batch the page's related rows: participants, offers (with variants, prices, sold
    units and products), reminder counts and the viewer's own reminders."""
    if not items:
        return items
    participants = LivestreamSeller.objects.select_related("seller", "seller__province").order_by(
        "pk"
    )
    lookups: list[Any] = [
        Prefetch("participants", queryset=participants, to_attr="all_participants")
    ]
    wants_offers = wants(paths, "offers", "pinnedOffer", "unitsSold")
    if wants_offers:
        lookups.append(Prefetch("offers", queryset=offer_queryset(paths)))
    user = getattr(info.context, "user", None)
    if wants(paths, "isReminderSet") and user is not None and user.is_authenticated:
        mine = LivestreamReminder.objects.filter(user=user, canceled_at__isnull=True)
        lookups.append(Prefetch("reminders", queryset=mine, to_attr="viewer_reminders"))
    prefetch_related_objects(items, *lookups)
    if wants(paths, "reminderCount"):
        counts = dict(
            LivestreamReminder.objects.filter(livestream__in=items, canceled_at__isnull=True)
            .values("livestream")
            .annotate(n=Count("pk"))
            .values_list("livestream", "n")
        )
        for item in items:
            item.reminder_count = counts.get(item.pk, 0)  # type: ignore[attr-defined]
    if wants_offers:
        offers = [offer for item in items for offer in item.offers.all()]
        for item in items:
            for offer in item.offers.all():
                offer.livestream = item  # the parent, already in memory
        _prepare_offer_products(offers, paths)
    return items


def livestream_base() -> QuerySet[Livestream]:
    return Livestream.objects.select_related("host", "programme_province")


def resolve_livestreams(info: graphene.ResolveInfo, args: dict[str, Any]) -> Any:
    paths = selected_paths(info, ("edges", "node"))
    flt = dict(args.get("filter") or {})
    if flt.get("status"):
        flt["status"] = [enum_value(s) for s in flt["status"]]
    user = getattr(info.context, "user", None)
    qs: QuerySet[Livestream] = Livestream.objects.visible_to(user, viewer_scope(info))
    qs = ordered(apply_filter(qs, flt), flt)
    qs = qs.select_related("host", "programme_province")
    return paginate(
        qs,
        LivestreamCountableConnection,
        args,
        name="livestreams",
        prepare=lambda items: prepare_livestreams(items, info, paths),
    )


def resolve_livestream(info: graphene.ResolveInfo, pk: int) -> Livestream | None:
    found = (
        Livestream.objects.visible_to(getattr(info.context, "user", None), viewer_scope(info))
        .select_related("host", "programme_province")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        return None
    return prepare_livestreams([found], info, selected_paths(info))[0]


def reload_for_payload(
    info: graphene.ResolveInfo, pk: int, under: str = "livestream"
) -> Livestream:
    """A mutation payload's session, batched like a query's."""
    found = livestream_base().get(pk=pk)
    return prepare_livestreams([found], info, selected_paths(info, (under,)))[0]


def prepare_offer(info: graphene.ResolveInfo, pk: int, under: str = "liveOffer") -> LiveOffer:
    offer = offer_queryset(selected_paths(info, (under,))).select_related("livestream").get(pk=pk)
    _prepare_offer_products([offer], {f"offer.{p}" for p in selected_paths(info, (under,))})
    return offer


def prepare_report(info: graphene.ResolveInfo, report: Report) -> Report:
    """The report's session and offers, batched like the queries' (fixed query count)."""
    assert report.livestream is not None
    prepare_livestreams([report.livestream], info, selected_paths(info, ("livestream",)))
    paths = {f"offers.{p}" for p in selected_paths(info, ("offers", "offer"))}
    ids = [line.offer.pk for line in report.offers if line.offer is not None]
    offers = {o.pk: o for o in offer_queryset(paths).filter(pk__in=ids)}
    for offer in offers.values():
        offer.livestream = report.livestream
    _prepare_offer_products(list(offers.values()), paths)
    for line in report.offers:
        if line.offer is not None:
            line.offer = offers[line.offer.pk]
    return report
