"""Saleor's `Channel` type and the `channel`/`channels` queries.

Our marketplace sells in one channel (`default-channel`, VND, shipping within Viet Nam); a
storefront reads it to know its currency and the countries its address form offers. The
channel's name, slug and currency are public (Saleor asks an app or staff token for
`channels`; a storefront without one could not start, and nothing here is private).
"""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphene_django import DjangoObjectType

from catalog import models
from checkout.addresses import COUNTRY_NAMES
from orders.models import Order
from storefront_api.catalog.lookups import global_pk
from storefront_api.checkout.addresses import CountryDisplay
from storefront_api.core.metadata import MetadataItem


def country(code: str) -> CountryDisplay:
    return CountryDisplay(code=code, country=COUNTRY_NAMES.get(code, code))


class Channel(DjangoObjectType):
    currency_code = graphene.String(required=True)
    default_country = graphene.Field(CountryDisplay, required=True)
    countries = graphene.List(
        graphene.NonNull(CountryDisplay), description="Countries the channel ships to."
    )
    warehouses = graphene.List(
        graphene.NonNull("storefront_api.catalog.types.Warehouse"),
        required=True,
        description="Warehouses are the sellers' own (`Seller.warehouses`): none here.",
    )
    has_orders = graphene.Boolean(required=True)
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)
    metafield = graphene.String(key=graphene.String(required=True))

    class Meta:
        model = models.Channel
        interfaces = (relay.Node,)
        fields = ("id", "name", "slug", "is_active")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.filter(is_active=True)

    @staticmethod
    def resolve_default_country(root: models.Channel, info: graphene.ResolveInfo) -> Any:
        return country(root.default_country)

    @staticmethod
    def resolve_countries(root: models.Channel, info: graphene.ResolveInfo) -> Any:
        return [country(root.default_country)]

    @staticmethod
    def resolve_warehouses(root: models.Channel, info: graphene.ResolveInfo) -> Any:
        return []

    @staticmethod
    def resolve_has_orders(root: models.Channel, info: graphene.ResolveInfo) -> bool:
        return Order.objects.filter(channel=root).exists()

    @staticmethod
    def resolve_metadata(root: models.Channel, info: graphene.ResolveInfo) -> Any:
        return []

    @staticmethod
    def resolve_metafield(root: models.Channel, info: graphene.ResolveInfo, key: str) -> Any:
        return None


def channels_of_request(info: graphene.ResolveInfo) -> dict[int, models.Channel]:
    """Every channel, read once per request: `Checkout.channel` and `Order.channel` on a
    page of orders cost one query, not one per order."""
    cached: dict[int, models.Channel] | None = getattr(info.context, "_ocop_channels", None)
    if cached is None:
        cached = {channel.pk: channel for channel in models.Channel.objects.all()}
        info.context._ocop_channels = cached
    return cached


class ChannelQueries(graphene.ObjectType):
    channel = graphene.Field(
        Channel,
        id=graphene.ID(description="ID of the channel."),
        slug=graphene.String(description="Slug of the channel."),
        description="Look up a channel by ID or slug.",
    )
    channels = graphene.List(graphene.NonNull(Channel), description="List of all channels.")

    @staticmethod
    def resolve_channel(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> Any:
        qs = models.Channel.objects.filter(is_active=True)
        if id:
            return qs.filter(pk=global_pk(id, "Channel")).first()
        return qs.filter(slug=slug).first() if slug else None

    @staticmethod
    def resolve_channels(root: Any, info: graphene.ResolveInfo) -> Any:
        return list(models.Channel.objects.filter(is_active=True).order_by("slug"))
