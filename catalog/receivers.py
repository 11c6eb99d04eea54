"""The catalog's reactions to what the apps below it announce (connected in
CatalogConfig.ready, so those apps need not import the catalog)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save, pre_delete

from catalog.listed import refresh_listed
from catalog.listed_count import product_deleting
from catalog.models import Category, Product, Warehouse
from catalog.search_vector import refresh_vectors
from places.models import LegacyProvince, Province
from sellers.models import Seller
from sellers.signals import seller_created, seller_listing_changed


def give_first_warehouse(sender: Any, seller: Seller, **kwargs: Any) -> None:
    """`sellers.signals.seller_created`: a new seller starts with one warehouse, in its
    own province, in the transaction that created it."""
    Warehouse.objects.create(
        seller=seller, name=f"Kho {seller.stall_name}"[:250], province=seller.province
    )


def seller_listing_changed_received(sender: Any, seller: Seller, **kwargs: Any) -> None:
    """`sellers.signals.seller_listing_changed`: the stall's status, activity or kind
    changed; its products' listing record follows in the same transaction."""
    refresh_listed(Product.objects.filter(seller_id=seller.pk).values_list("pk", flat=True))


def _named(update_fields: Any, *names: str) -> bool:
    """A full save, or one that names one of these fields."""
    return update_fields is None or bool(set(names).intersection(update_fields))


# Products' search documents name their seller, category (and its parent) and origin
# province (and its pre-2025 names): a rename rewrites the documents that changed, in the
# rename's transaction (one UPDATE; rows already right are not written).


def seller_renamed(sender: Any, instance: Seller, update_fields: Any = None, **kw: Any) -> None:
    if not kw.get("created") and _named(update_fields, "stall_name", "story"):
        refresh_vectors("catalog_product.seller_id = %s", [instance.pk])


def category_renamed(sender: Any, instance: Category, update_fields: Any = None, **kw: Any) -> None:
    if not kw.get("created") and _named(update_fields, "name", "parent", "parent_id"):
        refresh_vectors(
            "catalog_product.category_id IN (SELECT id FROM catalog_category "
            "WHERE id = %s OR parent_id = %s)",
            [instance.pk, instance.pk],
        )


def province_renamed(sender: Any, instance: Province, update_fields: Any = None, **kw: Any) -> None:
    if not kw.get("created") and _named(update_fields, "name"):
        refresh_vectors("catalog_product.origin_province_id = %s", [instance.pk])


def legacy_province_renamed(
    sender: Any, instance: LegacyProvince, update_fields: Any = None, **kw: Any
) -> None:
    if not kw.get("created") and _named(update_fields, "name", "new_province", "new_province_id"):
        refresh_vectors("catalog_product.origin_province_id = %s", [instance.new_province_id])


def connect() -> None:
    seller_created.connect(give_first_warehouse, dispatch_uid="catalog-first-warehouse")
    seller_listing_changed.connect(
        seller_listing_changed_received, dispatch_uid="catalog-listed-seller"
    )
    pre_delete.connect(product_deleting, sender=Product, dispatch_uid="catalog-listed-count")
    for model, receiver in (
        (Seller, seller_renamed),
        (Category, category_renamed),
        (Province, province_renamed),
        (LegacyProvince, legacy_province_renamed),
    ):
        uid = f"catalog-search-vector-{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
