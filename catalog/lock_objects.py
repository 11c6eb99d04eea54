"""Row locks for the catalog; always taken in primary-key order. Call inside atomic()."""

from __future__ import annotations

from django.db.models import QuerySet

from catalog.models import Collection, OcopCertificate, Product, ProductVariant, Stock
from catalog.models.certificates import valid_certificate_q


def lock_product(pk: int) -> Product | None:
    """The product row, FOR UPDATE (not no-key: product mutations may change its unique
    slug or delete it); its seller is read (not locked) for permission checks."""
    return (
        Product.objects.select_for_update(of=("self",), no_key=False)
        .select_related("seller")
        .filter(pk=pk)
        .first()
    )


def lock_variant(pk: int) -> ProductVariant | None:
    """The variant row, FOR UPDATE (not no-key: variant mutations may change its unique sku
    or delete it); its product and seller are read, not locked."""
    return (
        ProductVariant.objects.select_for_update(of=("self",), no_key=False)
        .select_related("product__seller")
        .filter(pk=pk)
        .first()
    )


def lock_variant_stocks(variant: ProductVariant) -> QuerySet[Stock]:
    """The variant's stock rows, FOR UPDATE in pk order (stock rows may be deleted)."""
    return Stock.objects.select_for_update(no_key=False).filter(variant=variant).order_by("pk")


def lock_collection(pk: int) -> Collection | None:
    """FOR UPDATE (not no-key): collection mutations may change its unique slug or delete it."""
    return Collection.objects.select_for_update(no_key=False).filter(pk=pk).first()


def lock_certificate_to_copy(pk: int, seller_id: int) -> OcopCertificate | None:
    """A stall's verified, valid certificate that a product is getting a copy of, FOR NO
    KEY UPDATE (its key is not changed): an officer's revocation waits until the copy
    is made (`catalog.certificate_choice`)."""
    return (
        OcopCertificate.objects.select_for_update(of=("self",), no_key=True)
        .filter(valid_certificate_q(), pk=pk, product__seller_id=seller_id)
        .first()
    )
