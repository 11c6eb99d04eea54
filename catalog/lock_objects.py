"""Row locks for the catalog; always taken in primary-key order. Call inside atomic()."""

from __future__ import annotations

from django.db.models import QuerySet

from catalog.models import Collection, Product, ProductVariant, Stock


def lock_product(pk: int) -> Product | None:
    """The product row, locked; its seller is read (not locked) for permission checks."""
    return (
        Product.objects.select_for_update(of=("self",))
        .select_related("seller")
        .filter(pk=pk)
        .first()
    )


def lock_variant(pk: int) -> ProductVariant | None:
    return (
        ProductVariant.objects.select_for_update(of=("self",))
        .select_related("product__seller")
        .filter(pk=pk)
        .first()
    )


def lock_variant_stocks(variant: ProductVariant) -> QuerySet[Stock]:
    return Stock.objects.select_for_update().filter(variant=variant).order_by("pk")


def lock_collection(pk: int) -> Collection | None:
    return Collection.objects.select_for_update().filter(pk=pk).first()
