"""Livestream types (OCOP extension). Everything a polling client needs is on `Livestream`:
status, pinned offer, remaining quantity and units sold per offer, countdowns.

Resolvers read only rows batched by `resolvers.prepare_livestreams` (no query per node).
"""

from __future__ import annotations

import datetime
from typing import Any

import graphene
from django.utils import timezone
from graphene import relay
from graphene_django import DjangoObjectType

from livestream import models
from livestream.permissions import may_see_invitations
from livestream.state import seconds_to_end, seconds_to_start
from storefront_api.catalog.types import Image, Product, ProductVariant
from storefront_api.core.connection import CountableConnection
from storefront_api.core.context import ChannelContext
from storefront_api.core.money import Money, money
from storefront_api.livestream.enums import LivestreamPlatformEnum, LivestreamStatusEnum
from storefront_api.sellers.permissions import viewer, viewer_scope
from storefront_api.sellers.types import Province, Seller


def _now(info: graphene.ResolveInfo) -> datetime.datetime:
    """One "now" per request, so every countdown in a response agrees."""
    request = info.context
    now = getattr(request, "_ocop_livestream_now", None)
    if now is None:
        now = timezone.now()
        request._ocop_livestream_now = now
    return now


def participants_of(livestream: models.Livestream) -> list[models.LivestreamSeller]:
    """Batched by prepare_livestreams; loaded here only for a lone node (`node(id)`)."""
    found = getattr(livestream, "all_participants", None)
    if found is None:
        found = list(livestream.participants.select_related("seller", "seller__province"))
        livestream.all_participants = found  # type: ignore[attr-defined]
    return list(found)


def _local(value: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(value) if value else None


class LivestreamHost(graphene.ObjectType):
    """The public face of a host: a name, never the email."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)

    @staticmethod
    def from_user(user: Any) -> LivestreamHost:
        name = user.full_name or (user.email or "").split("@")[0]
        return LivestreamHost(id=relay.Node.to_global_id("User", user.pk), name=name)


class LiveOffer(DjangoObjectType):
    """A variant at a live price while its session is live, up to a cap."""

    variant = graphene.Field(ProductVariant, required=True)
    product = graphene.Field(Product, required=True)
    seller = graphene.Field(Seller, required=True)
    channel = graphene.String(required=True)
    live_price = graphene.Field(Money, required=True)
    regular_price = graphene.Field(Money, description="The variant's current regular price.")
    quantity_cap = graphene.Int(required=True)
    per_buyer_limit = graphene.Int(required=True)
    remaining_quantity = graphene.Int(required=True, description="Units left under the cap.")
    units_sold = graphene.Int(required=True, description="Units in confirmed orders.")
    is_pinned = graphene.Boolean(required=True)
    is_active = graphene.Boolean(
        required=True, description="The live price applies right now (live, not sold out)."
    )

    class Meta:
        model = models.LiveOffer
        interfaces = (relay.Node,)
        fields = ("id", "sort_order", "created_at")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        """The offers `Livestream.offers` shows: those of a visible session."""

        return queryset.visible_to(viewer(info), viewer_scope(info))

    @staticmethod
    def resolve_variant(root: models.LiveOffer, info: graphene.ResolveInfo) -> Any:
        return ChannelContext(root.variant, root.channel)

    @staticmethod
    def resolve_product(root: models.LiveOffer, info: graphene.ResolveInfo) -> Any:
        return ChannelContext(root.variant.product, root.channel)

    @staticmethod
    def resolve_seller(root: models.LiveOffer, info: graphene.ResolveInfo) -> Any:
        return root.seller

    @staticmethod
    def resolve_channel(root: models.LiveOffer, info: graphene.ResolveInfo) -> str:
        return str(root.channel.slug)

    @staticmethod
    def resolve_live_price(root: models.LiveOffer, info: graphene.ResolveInfo) -> Money:
        return money(root.live_price)

    @staticmethod
    def resolve_regular_price(root: models.LiveOffer, info: graphene.ResolveInfo) -> Any:
        for listing in root.variant.channel_listings.all():
            if listing.channel_id == root.channel_id:
                return money(listing.price_amount)
        return None

    @staticmethod
    def resolve_remaining_quantity(root: models.LiveOffer, info: graphene.ResolveInfo) -> int:
        return root.remaining_quantity

    @staticmethod
    def resolve_units_sold(root: models.LiveOffer, info: graphene.ResolveInfo) -> int:
        return int(getattr(root, "units_sold", 0) or 0)

    @staticmethod
    def resolve_is_active(root: models.LiveOffer, info: graphene.ResolveInfo) -> bool:
        session = root.livestream
        now = _now(info)
        return (
            session.status == models.LivestreamStatus.LIVE
            and session.starts_at <= now < session.ends_at
            and root.remaining_quantity > 0
        )


class LivestreamSellerInvitation(graphene.ObjectType):
    """A seller invited to a session and whether one of its members agreed."""

    seller = graphene.Field(Seller, required=True)
    agreed = graphene.Boolean(required=True)
    agreed_at = graphene.DateTime()
    invited_at = graphene.DateTime(required=True)

    @staticmethod
    def from_participant(participant: models.LivestreamSeller) -> LivestreamSellerInvitation:
        return LivestreamSellerInvitation(
            seller=participant.seller,
            agreed=participant.agreed_at is not None,
            agreed_at=_local(participant.agreed_at),
            invited_at=_local(participant.invited_at),
        )


class Livestream(DjangoObjectType):
    """A live selling session. Times are given in Vietnam time (+07:00)."""

    status = graphene.Field(LivestreamStatusEnum, required=True)
    starts_at = graphene.DateTime(required=True)
    ends_at = graphene.DateTime(required=True)
    started_at = graphene.DateTime()
    ended_at = graphene.DateTime()
    canceled_at = graphene.DateTime()
    host = graphene.Field(LivestreamHost, required=True)
    sellers = graphene.List(
        graphene.NonNull(Seller), required=True, description="Sellers that agreed to take part."
    )
    invitations = graphene.List(
        graphene.NonNull(LivestreamSellerInvitation),
        description="Private (host, invited sellers' members, officers): all invitations.",
    )
    offers = graphene.List(graphene.NonNull(LiveOffer), required=True)
    pinned_offer = graphene.Field(LiveOffer)
    stream_url = graphene.String()
    platform = graphene.Field(LivestreamPlatformEnum)
    cover_image = graphene.Field(Image)
    seconds_to_start = graphene.Int(description="Countdown to the start; null once started.")
    seconds_to_end = graphene.Int(description="Countdown to the end; null once over.")
    units_sold = graphene.Int(required=True)
    reminder_count = graphene.Int(required=True, description="Customers who asked a reminder.")
    is_reminder_set = graphene.Boolean(
        required=True, description="The signed-in viewer asked for a reminder."
    )
    is_approved = graphene.Boolean(
        required=True, description="Programme sessions: an officer approved it."
    )
    programme_province = graphene.Field(Province)

    class Meta:
        model = models.Livestream
        interfaces = (relay.Node,)
        fields = (
            "id", "title", "description", "is_programme", "programme_name", "cancel_reason",
            "created_at", "updated_at",
        )  # fmt: skip

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        """`node(id)` sees what `livestreams` lists, nothing more."""

        return queryset.visible_to(viewer(info), viewer_scope(info))

    @staticmethod
    def resolve_status(root: models.Livestream, info: graphene.ResolveInfo) -> str:
        return root.status

    @staticmethod
    def resolve_starts_at(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return _local(root.starts_at)

    @staticmethod
    def resolve_ends_at(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return _local(root.ends_at)

    @staticmethod
    def resolve_started_at(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return _local(root.started_at)

    @staticmethod
    def resolve_ended_at(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return _local(root.ended_at)

    @staticmethod
    def resolve_canceled_at(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return _local(root.canceled_at)

    @staticmethod
    def resolve_host(root: models.Livestream, info: graphene.ResolveInfo) -> LivestreamHost:
        return LivestreamHost.from_user(root.host)

    @staticmethod
    def resolve_sellers(root: models.Livestream, info: graphene.ResolveInfo) -> list[Any]:
        return [p.seller for p in participants_of(root) if p.agreed_at is not None]

    @staticmethod
    def resolve_invitations(root: models.Livestream, info: graphene.ResolveInfo) -> Any:

        participants = participants_of(root)
        if not may_see_invitations(viewer(info), viewer_scope(info), root, participants):
            return None
        return [LivestreamSellerInvitation.from_participant(p) for p in participants]

    @staticmethod
    def resolve_offers(root: models.Livestream, info: graphene.ResolveInfo) -> list[Any]:
        return list(root.offers.all())

    @staticmethod
    def resolve_pinned_offer(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return next((o for o in root.offers.all() if o.is_pinned), None)

    @staticmethod
    def resolve_stream_url(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return root.stream_url or None

    @staticmethod
    def resolve_platform(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return root.platform or None

    @staticmethod
    def resolve_cover_image(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        if not root.cover_image:
            return None
        url = root.cover_image.url
        url = info.context.build_absolute_uri(url) if url.startswith("/") else url
        return Image(url=url, alt=root.title)

    @staticmethod
    def resolve_seconds_to_start(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return seconds_to_start(root, _now(info))

    @staticmethod
    def resolve_seconds_to_end(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return seconds_to_end(root, _now(info))

    @staticmethod
    def resolve_units_sold(root: models.Livestream, info: graphene.ResolveInfo) -> int:
        return sum(int(getattr(o, "units_sold", 0) or 0) for o in root.offers.all())

    @staticmethod
    def resolve_reminder_count(root: models.Livestream, info: graphene.ResolveInfo) -> int:
        return int(getattr(root, "reminder_count", 0) or 0)

    @staticmethod
    def resolve_is_reminder_set(root: models.Livestream, info: graphene.ResolveInfo) -> bool:
        return bool(getattr(root, "viewer_reminders", []))

    @staticmethod
    def resolve_is_approved(root: models.Livestream, info: graphene.ResolveInfo) -> bool:
        return root.approved_at is not None

    @staticmethod
    def resolve_programme_province(root: models.Livestream, info: graphene.ResolveInfo) -> Any:
        return root.programme_province


class LivestreamCountableConnection(CountableConnection):
    class Meta:
        node = Livestream


# --- the report ------------------------------------------------------------------------


class LiveOfferReportLine(graphene.ObjectType):
    offer = graphene.Field(LiveOffer, required=True)
    orders = graphene.Int(required=True)
    units = graphene.Int(required=True)
    revenue = graphene.Field(Money, required=True)
    units_claimed = graphene.Int(required=True, description="Units reserved or sold.")
    remaining_quantity = graphene.Int(required=True)

    @staticmethod
    def resolve_revenue(root: Any, info: graphene.ResolveInfo) -> Money:
        return money(root.revenue)

    @staticmethod
    def resolve_remaining_quantity(root: Any, info: graphene.ResolveInfo) -> int:
        return int(root.remaining)


class LivestreamSellerReportLine(graphene.ObjectType):
    seller = graphene.Field(Seller, required=True)
    orders = graphene.Int(required=True)
    units = graphene.Int(required=True)
    revenue = graphene.Field(Money, required=True)

    @staticmethod
    def resolve_revenue(root: Any, info: graphene.ResolveInfo) -> Money:
        return money(root.revenue)


class LivestreamReport(graphene.ObjectType):
    """Orders, units and revenue per offer and per seller (a seller's members see only their
    own lines), reminder sign-ups and conversion. Final once the session ended."""

    livestream = graphene.Field(Livestream, required=True)
    generated_at = graphene.DateTime(required=True)
    is_final = graphene.Boolean(required=True)
    orders = graphene.Int(required=True)
    units = graphene.Int(required=True)
    revenue = graphene.Field(Money, required=True)
    buyers = graphene.Int(required=True)
    reminder_signups = graphene.Int(required=True)
    converted_signups = graphene.Int(
        required=True, description="Reminder sign-ups who bought in the session."
    )
    conversion_rate = graphene.Float(description="converted_signups / reminder_signups.")
    offers = graphene.List(graphene.NonNull(LiveOfferReportLine), required=True)
    sellers = graphene.List(graphene.NonNull(LivestreamSellerReportLine), required=True)

    @staticmethod
    def resolve_generated_at(root: Any, info: graphene.ResolveInfo) -> Any:
        return _local(root.generated_at)

    @staticmethod
    def resolve_revenue(root: Any, info: graphene.ResolveInfo) -> Money:
        return money(root.revenue)
