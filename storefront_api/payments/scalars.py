"""Saleor's JSON scalar (PositiveDecimal is shared: storefront_api.core.scalars)."""

from __future__ import annotations

from graphene.types.generic import GenericScalar


class JSON(GenericScalar):
    """Any JSON value, passed through as-is (unlike JSONString, which is a string)."""

    class Meta:
        name = "JSON"
