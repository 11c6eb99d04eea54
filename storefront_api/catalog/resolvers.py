"""The catalog's product listing as a query field answers it: a page of
`ProductCountableConnection` (the lookups themselves are in `lookups.py`, which the types
use too; this module imports the types, never the other way round)."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.catalog.product_list import products_page
from storefront_api.catalog.types import ProductCountableConnection
from storefront_api.core.connection import CountableConnection


def resolve_products(
    info: graphene.ResolveInfo,
    channel_slug: str | None,
    args: dict[str, Any],
    restrict: dict[str, Any] | None = None,
) -> CountableConnection:
    """`products`, and `Seller.products`: the products listed in the channel."""
    return products_page(info, channel_slug, args, ProductCountableConnection, restrict)
