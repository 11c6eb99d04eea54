"""Saleor's `updateMetadata(id, input)` for the objects a buyer owns: a checkout (anyone
holding an anonymous cart's id, or its owner) and an order (its signed-in buyer). Other
objects have no public metadata here: their ids answer NOT_FOUND."""

from __future__ import annotations

import uuid
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from checkout.metadata import do_update_checkout_metadata
from checkout.models import Checkout
from core.errors import fail
from orders.metadata import clean_metadata, do_update_order_metadata
from storefront_api.core.errors import error_type
from storefront_api.core.inputs import MetadataInput
from storefront_api.core.metadata import ObjectWithMetadata
from storefront_api.core.mutation import BaseMutation


class MetadataErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    NOT_UPDATED = "NOT_UPDATED"


MetadataError = error_type("MetadataError", MetadataErrorCode)


def _target(value: str) -> tuple[str, uuid.UUID]:
    """("Checkout" | "Order", its key) from a global id, or from a bare token: Saleor
    accepts a checkout's or order's token too (a checkout first, as its tokens are the
    storefront's)."""
    try:
        return "token", uuid.UUID(str(value))
    except ValueError:
        pass
    try:
        kind, key = graphene.Node.resolve_global_id(None, str(value))
        if kind in ("Checkout", "Order"):
            return kind, uuid.UUID(str(key))
    except Exception:
        pass
    fail("id", _("Couldn't resolve to a %(what)s."), "NOT_FOUND", what="node")


class UpdateMetadata(BaseMutation):
    """Updates metadata of a checkout or an order the caller owns."""

    item = graphene.Field(ObjectWithMetadata)
    errors = graphene.List(graphene.NonNull(MetadataError), required=True)
    metadata_errors = graphene.List(
        graphene.NonNull(MetadataError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )

    error_type = MetadataError
    error_fields = ("errors", "metadata_errors")

    class Arguments:
        id = graphene.ID(
            required=True, description="ID or token (for Order and Checkout) of an object."
        )
        input = graphene.List(
            graphene.NonNull(MetadataInput),
            required=True,
            description="Fields required to update the object's metadata.",
        )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, input: list[dict[str, Any]]
    ) -> UpdateMetadata:
        kind, key = _target(id)
        cleaned = clean_metadata(input)
        user = info.context.user
        if kind == "Order":
            return cls.success(item=do_update_order_metadata(key, user, cleaned))
        if kind == "Checkout":
            return cls.success(item=do_update_checkout_metadata(key, user, cleaned))
        # A bare token: a checkout's if one has it, else an order's.
        if Checkout.objects.filter(pk=key).exists():
            return cls.success(item=do_update_checkout_metadata(key, user, cleaned))
        return cls.success(item=do_update_order_metadata(key, user, cleaned))


class MetadataMutations(graphene.ObjectType):
    update_metadata = UpdateMetadata.Field()
