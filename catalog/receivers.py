"""The catalog's reactions to what the apps below it announce (connected in
CatalogConfig.ready, so those apps need not import the catalog)."""

from __future__ import annotations

from typing import Any

from catalog.models import Warehouse
from sellers.models import Seller
from sellers.signals import seller_created


def give_first_warehouse(sender: Any, seller: Seller, **kwargs: Any) -> None:
    """`sellers.signals.seller_created`: a new seller starts with one warehouse, in its
    own province, in the transaction that created it."""
    Warehouse.objects.create(
        seller=seller, name=f"Kho {seller.stall_name}"[:250], province=seller.province
    )


def connect() -> None:
    seller_created.connect(give_first_warehouse, dispatch_uid="catalog-first-warehouse")
