"""Model signals → index tasks, written to the outbox in the transaction of the change.

Connected in SearchConfig.ready(), so catalog and seller code need not know about
search. Changes in one transaction are merged into one task per 500 products (outbox
rows that commit or roll back with the change) and sent to Celery after the commit.

queryset.update() and raw SQL fire no model signal: the catalog (and orders, for stock)
send `catalog.signals.products_changed` instead, which `reindex_products` receives here.
Imported by SearchConfig.ready() only, once the models are loaded.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from catalog.models import (
    Category,
    CertificateEvent,
    Collection,
    CollectionProduct,
    OcopCertificate,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
)
from catalog.signals import products_changed
from search.client import is_configured
from search.index_queue import enqueue, reindex_products
from sellers.models import Seller, SellerTransition

log = logging.getLogger(__name__)


def schedule(product_ids: Iterable[int | None]) -> None:
    """Add these products to the transaction's index task (an outbox row, see
    search.index_queue.enqueue): sent once the transaction commits, dropped if it rolls back."""
    if not is_configured():
        return
    ids = {pk for pk in product_ids if pk is not None}
    if ids:
        enqueue(ids, settings.ELASTICSEARCH_INDEX_PREFIX)


def _variant_product(variant_id: int | None) -> list[int | None]:
    if variant_id is None:
        return []
    return list(ProductVariant.objects.filter(pk=variant_id).values_list("product_id", flat=True))


def _product(instance: Any) -> list[int | None]:
    return [instance.pk]


def _product_id(instance: Any) -> list[int | None]:
    return [instance.product_id]


def _variant_listing(instance: Any) -> list[int | None]:
    return _variant_product(instance.variant_id)


def _seller(instance: Any) -> list[int | None]:
    return list(Product.objects.filter(seller_id=instance.pk).values_list("pk", flat=True))


def _certificate_event(instance: Any) -> list[int | None]:
    return list(
        OcopCertificate.objects.filter(pk=instance.certificate_id).values_list(
            "product_id", flat=True
        )
    )


def _seller_transition(instance: Any) -> list[int | None]:
    return list(Product.objects.filter(seller_id=instance.seller_id).values_list("pk", flat=True))


def _category(instance: Any) -> list[int | None]:
    tree, frontier = {instance.pk}, {instance.pk}
    while frontier:
        frontier = (
            set(Category.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - tree
        )
        tree |= frontier
    return list(Product.objects.filter(category_id__in=tree).values_list("pk", flat=True))


def _collection(instance: Any) -> list[int | None]:
    return list(
        CollectionProduct.objects.filter(collection_id=instance.pk).values_list(
            "product_id", flat=True
        )
    )


def _handler(products_of: Callable[[Any], list[int | None]]) -> Callable[..., None]:
    def handle(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        if not is_configured():
            return
        # A parent deleted in the same cascade sends its own signal.
        with contextlib.suppress(ObjectDoesNotExist):
            schedule(products_of(instance))

    return handle


_HANDLERS: list[Callable[..., None]] = []


def _products_changed(sender: Any, product_ids: Iterable[int], **kwargs: Any) -> None:
    """Rows changed without model signals: the same index task as the model signals queue."""
    reindex_products(product_ids)


def connect() -> None:
    sources: list[tuple[type[Model], Callable[[Any], list[int | None]]]] = [
        (Product, _product),
        (ProductChannelListing, _product_id),
        (ProductVariant, _product_id),
        (ProductVariantChannelListing, _variant_listing),
        (Stock, _variant_listing),
        (OcopCertificate, _product_id),
        # Reviews and seller workflow steps change status with a conditional UPDATE (no
        # signal) but always write these history rows, which do send one.
        (CertificateEvent, _certificate_event),
        (Seller, _seller),
        (SellerTransition, _seller_transition),
        (Category, _category),
        (Collection, _collection),
        (CollectionProduct, _product_id),
    ]
    for model, products_of in sources:
        handler = _handler(products_of)
        _HANDLERS.append(handler)  # signals hold weak references
        uid = f"search-index-{model._meta.label_lower}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-delete")
    products_changed.connect(_products_changed, dispatch_uid="search-index-products-changed")
