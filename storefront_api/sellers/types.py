"""OCOP extension types: sellers (producers and their stalls) and provinces."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphene_django import DjangoObjectType

from places import models as places
from sellers import models
from storefront_api.catalog.types import Image, ProductCountableConnection
from storefront_api.core.connection import CountableConnection


class SellerKindEnum(graphene.Enum):
    HTX = "HTX"
    THT = "THT"
    DN = "DN"
    HKD = "HKD"


class SellerStatusEnum(graphene.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class Province(DjangoObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    full_name = graphene.String(required=True)
    legacy_names = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Pre-2025 provinces merged into this one.",
    )

    class Meta:
        model = places.Province
        interfaces = (relay.Node,)
        fields = ("id", "code", "name")

    @staticmethod
    def resolve_full_name(root: places.Province, info: graphene.ResolveInfo) -> str:
        return root.full_name

    @staticmethod
    def resolve_legacy_names(root: places.Province, info: graphene.ResolveInfo) -> list[str]:
        return [p.name for p in root.legacy_provinces.all()]


class Ward(DjangoObjectType):
    class Meta:
        model = places.Ward
        interfaces = (relay.Node,)
        fields = ("id", "code", "name")


class Seller(DjangoObjectType):
    """A producer's public stall; legal and bank details are visible only to its staff and
    officers."""

    name = graphene.String(required=True)
    kind = graphene.Field(SellerKindEnum, required=True)
    kind_display = graphene.String(required=True)
    status = graphene.Field(SellerStatusEnum, required=True)
    province = graphene.Field(Province, required=True)
    logo = graphene.Field(Image)
    story = graphene.String()
    products = relay.ConnectionField(ProductCountableConnection, channel=graphene.String())

    class Meta:
        model = models.Seller
        interfaces = (relay.Node,)
        fields = ("id", "slug", "stall_name", "created_at")

    @staticmethod
    def resolve_name(root: models.Seller, info: graphene.ResolveInfo) -> str:
        return root.stall_name

    @staticmethod
    def resolve_kind_display(root: models.Seller, info: graphene.ResolveInfo) -> str:
        return str(root.get_kind_display())

    @staticmethod
    def resolve_story(root: models.Seller, info: graphene.ResolveInfo) -> str:
        language = getattr(info.context, "LANGUAGE_CODE", "vi")
        return root.story_en if language == "en" and root.story_en else root.story

    @staticmethod
    def resolve_logo(root: models.Seller, info: graphene.ResolveInfo) -> Any:
        if not root.logo:
            return None
        url = root.logo.url
        url = info.context.build_absolute_uri(url) if url.startswith("/") else url
        return Image(url=url, alt=root.stall_name)

    @staticmethod
    def resolve_products(
        root: models.Seller, info: graphene.ResolveInfo, channel: str | None = None, **args: Any
    ) -> Any:
        from storefront_api.catalog.resolvers import resolve_products

        return resolve_products(info, channel, args, restrict={"seller": root})


class SellerCountableConnection(CountableConnection):
    class Meta:
        node = Seller
