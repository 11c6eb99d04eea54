"""OCOP extension types: sellers (producers and their stalls) and provinces."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphene_django import DjangoObjectType

from places import models as places
from sellers import models
from storefront_api.catalog.resolvers import resolve_products
from storefront_api.catalog.types import Image, ProductCountableConnection, Warehouse, choice
from storefront_api.core.connection import CountableConnection
from storefront_api.core.enums import enum_from_choices
from storefront_api.sellers.permissions import can_see_private, viewer, viewer_scope

SellerKindEnum = enum_from_choices(models.SellerKind, name="SellerKindEnum")
SellerStatusEnum = enum_from_choices(models.SellerStatus, name="SellerStatusEnum")


class Province(DjangoObjectType):
    """Public reference data: `provinces` lists every one to everyone."""

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
    """Public reference data: `addressValidationRules` offers every ward as a choice."""

    class Meta:
        model = places.Ward
        interfaces = (relay.Node,)
        fields = ("id", "code", "name")


SellerDocumentKindEnum = enum_from_choices(
    models.SellerDocument.Kind, name="SellerDocumentKindEnum"
)
UploadPurposeEnum = enum_from_choices(models.UploadPurpose, name="UploadPurposeEnum")
SellerUploadStatusEnum = enum_from_choices(
    models.SellerUpload.Status, name="SellerUploadStatusEnum"
)


class SellerTransition(graphene.ObjectType):
    """One step of the onboarding workflow: who, when and why."""

    from_status = graphene.Field(SellerStatusEnum, required=True, resolver=choice("from_status"))
    to_status = graphene.Field(SellerStatusEnum, required=True, resolver=choice("to_status"))
    actor_email = graphene.String()
    actor_name = graphene.String()
    reason = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_actor_email(root: models.SellerTransition, info: graphene.ResolveInfo) -> Any:
        return root.actor.email if root.actor_id and root.actor else None

    @staticmethod
    def resolve_actor_name(root: models.SellerTransition, info: graphene.ResolveInfo) -> Any:
        return (root.actor.full_name or root.actor.email) if root.actor_id and root.actor else None


class SellerDocument(DjangoObjectType):
    kind = graphene.Field(SellerDocumentKindEnum, required=True, resolver=choice("kind"))
    url = graphene.String(required=True, description="A short-lived link to the file.")
    content_type = graphene.String(required=True)
    size = graphene.Int(required=True)

    class Meta:
        model = models.SellerDocument
        interfaces = (relay.Node,)
        fields = ("id", "uploaded_at")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        """`Seller.documents`: the seller's members and officers in scope."""
        return queryset.visible_to(viewer(info), viewer_scope(info))

    @staticmethod
    def resolve_url(root: models.SellerDocument, info: graphene.ResolveInfo) -> str:
        url = root.file.url
        return info.context.build_absolute_uri(url) if url.startswith("/") else url


class SellerUpload(DjangoObjectType):
    """A presigned direct upload to S3 (OCOP extension)."""

    purpose = graphene.Field(UploadPurposeEnum, required=True, resolver=choice("purpose"))
    status = graphene.Field(SellerUploadStatusEnum, required=True, resolver=choice("status"))
    key = graphene.String(required=True)
    content_type = graphene.String(description="Sniffed from the stored bytes once confirmed.")
    size = graphene.Int()

    class Meta:
        model = models.SellerUpload
        interfaces = (relay.Node,)
        fields = ("id", "filename", "created_at", "expires_at", "confirmed_at")

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        # No query field shows uploads: only the presign/confirm mutations' payloads, to
        # the seller's members who made them; so never by id.
        return None

    @staticmethod
    def resolve_content_type(root: models.SellerUpload, info: graphene.ResolveInfo) -> Any:
        return root.content_type or None


def _private(name: str) -> Any:
    """A resolver returning the model attribute only to members and officers of the province."""

    def resolve(root: models.Seller, info: graphene.ResolveInfo) -> Any:
        return getattr(root, name) if can_see_private(info, root) else None

    return resolve


class Seller(DjangoObjectType):
    """A producer's public stall; status, legal, contact and bank details, documents and
    the workflow history are visible only to its staff and to officers of its province."""

    name = graphene.String(required=True)
    kind = graphene.Field(SellerKindEnum, required=True, resolver=choice("kind"))
    kind_display = graphene.String(required=True)
    province = graphene.Field(Province, required=True)
    logo = graphene.Field(Image)
    story = graphene.String()
    products = relay.ConnectionField(ProductCountableConnection, channel=graphene.String())
    # Private (null for everyone else).
    status = graphene.Field(SellerStatusEnum, description="Private: staff and officers.")
    is_active = graphene.Boolean(resolver=_private("is_active"))
    legal_name = graphene.String(resolver=_private("legal_name"))
    registration_number = graphene.String(resolver=_private("registration_number"))
    tax_code = graphene.String(resolver=_private("tax_code"))
    ward = graphene.Field(Ward, resolver=_private("ward"))
    street_address = graphene.String(resolver=_private("street_address"))
    phone = graphene.String(resolver=_private("phone"))
    email = graphene.String(resolver=_private("email"))
    bank_name = graphene.String(resolver=_private("bank_name"))
    bank_account_number = graphene.String(resolver=_private("bank_account_number"))
    bank_account_holder = graphene.String(resolver=_private("bank_account_holder"))
    is_assisted = graphene.Boolean(description="Onboarded by an officer on its behalf.")
    transitions = graphene.List(graphene.NonNull(SellerTransition))
    documents = graphene.List(graphene.NonNull(SellerDocument))
    warehouses = graphene.List(graphene.NonNull(Warehouse))

    @staticmethod
    def resolve_status(root: models.Seller, info: graphene.ResolveInfo) -> Any:
        return str(root.status) if can_see_private(info, root) else None

    @staticmethod
    def resolve_is_assisted(root: models.Seller, info: graphene.ResolveInfo) -> Any:
        return root.assisted_by_id is not None if can_see_private(info, root) else None

    @staticmethod
    def resolve_transitions(root: models.Seller, info: graphene.ResolveInfo) -> Any:
        return list(root.transitions.all()) if can_see_private(info, root) else None

    @staticmethod
    def resolve_documents(root: models.Seller, info: graphene.ResolveInfo) -> Any:
        return list(root.documents.all()) if can_see_private(info, root) else None

    @staticmethod
    def resolve_warehouses(root: models.Seller, info: graphene.ResolveInfo) -> Any:
        return list(root.warehouses.all()) if can_see_private(info, root) else None

    class Meta:
        model = models.Seller
        interfaces = (relay.Node,)
        fields = ("id", "slug", "stall_name", "created_at")

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        """What `seller(slug)` shows: public stalls, and the others to those who see their
        private side (sellers.visibility)."""
        return queryset.visible_to(viewer(info), viewer_scope(info)).select_related(
            "province", "ward"
        )

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
        return resolve_products(info, channel, args, restrict={"seller": root})


class SellerCountableConnection(CountableConnection):
    class Meta:
        node = Seller
