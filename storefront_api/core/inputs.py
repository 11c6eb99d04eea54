"""Saleor input types shared by several domains."""

from __future__ import annotations

import graphene


class MetadataInput(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


class PreorderSettingsInput(graphene.InputObjectType):
    global_threshold = graphene.Int(description="The global threshold for preorder variant.")
    end_date = graphene.DateTime(description="The end date for preorder.")
