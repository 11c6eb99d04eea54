"""Saleor's public metadata in the API: `MetadataItem`, the `Metadata` scalar and the
`ObjectWithMetadata` interface, whose fields read a row's `metadata` JSON object
({key: value}). Private metadata is staff-only in Saleor; we keep none, so it reads empty.
"""

from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar

from storefront_api.core.context import NodeContext


class Metadata(GenericScalar):
    """Metadata is a map of key-value pairs, both keys and values are `String`."""


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


def stored_metadata(root: Any) -> dict[str, str]:
    node = root.node if isinstance(root, NodeContext) else root
    value = getattr(node, "metadata", None)
    return value if isinstance(value, dict) else {}


class ObjectWithMetadata(graphene.Interface):
    private_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)
    private_metafield = graphene.String(key=graphene.String(required=True))
    private_metafields = graphene.Field(
        Metadata, keys=graphene.List(graphene.NonNull(graphene.String))
    )
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)
    metafield = graphene.String(key=graphene.String(required=True))
    metafields = graphene.Field(Metadata, keys=graphene.List(graphene.NonNull(graphene.String)))

    @staticmethod
    def resolve_private_metadata(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        return []

    @staticmethod
    def resolve_private_metafield(root: Any, info: graphene.ResolveInfo, key: str) -> None:
        return None

    @staticmethod
    def resolve_private_metafields(root: Any, info: graphene.ResolveInfo, **_: Any) -> Any:
        return {}

    @staticmethod
    def resolve_metadata(root: Any, info: graphene.ResolveInfo) -> list[MetadataItem]:
        return [MetadataItem(key=k, value=v) for k, v in sorted(stored_metadata(root).items())]

    @staticmethod
    def resolve_metafield(root: Any, info: graphene.ResolveInfo, key: str) -> Any:
        return stored_metadata(root).get(key)

    @staticmethod
    def resolve_metafields(
        root: Any, info: graphene.ResolveInfo, keys: list[str] | None = None
    ) -> dict[str, str]:
        stored = stored_metadata(root)
        return stored if keys is None else {k: v for k, v in stored.items() if k in keys}
