"""A featured collection's window opens and closes with nothing written; the beat's
`refresh_collection_windows` brings its products' search documents (their "featured"
ranking fact) in line through the real worker."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from catalog.models import Collection, CollectionProduct
from search.client import get_client
from search.indices import alias_name
from search.tasks import products_at_window_edges, refresh_collection_windows
from tests import factories
from tests.helpers.search import build_index, search_index, wait_until

__all__ = ["search_index"]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _collection(product: Any, *, starts_at: datetime.datetime) -> Collection:
    collection = Collection.objects.create(
        name="Quà Tết",
        slug=f"qua-tet-{product.pk}",
        is_featured=True,
        is_published=True,
        starts_at=starts_at,
    )
    CollectionProduct.objects.create(collection=collection, product=product, sort_order=0)
    return collection


def _featured(product: Any) -> bool:
    client = get_client()
    client.indices.refresh(index=alias_name())
    hits = client.search(index=alias_name(), query={"term": {"product_id": product.pk}})
    return bool(hits["hits"]["hits"][0]["_source"]["featured"])


def test_it_finds_only_the_products_whose_window_edge_passed_in_the_interval() -> None:
    # given collections that opened 30 s ago, open in an hour, and closed 30 s ago
    now = timezone.now()
    opened, later, closed = factories.product(), factories.product(), factories.product()
    _collection(opened, starts_at=now - datetime.timedelta(seconds=30))
    _collection(later, starts_at=now + datetime.timedelta(hours=1))
    ended = _collection(closed, starts_at=now - datetime.timedelta(days=3))
    Collection.objects.filter(pk=ended.pk).update(ends_at=now - datetime.timedelta(seconds=30))
    # when the last two minutes are asked for
    found = products_at_window_edges(now - datetime.timedelta(minutes=2), now)
    # then the opened and the closed one are, the future one is not
    assert found == sorted([opened.pk, closed.pk])


def test_it_marks_a_product_featured_in_search_once_its_window_opened(
    celery_worker: Any, search_index: str
) -> None:
    # given an indexed product and a featured collection of it whose window opens in a moment
    product = factories.product(name="Mật ong hoa ban Điện Biên")
    collection = _collection(product, starts_at=timezone.now() + datetime.timedelta(hours=1))
    build_index()
    assert _featured(product) is False
    # when the window opens (the clock passes its start; nothing about the product is written)
    Collection.objects.filter(pk=collection.pk).update(
        starts_at=timezone.now() - datetime.timedelta(seconds=5)
    )
    queued = refresh_collection_windows(search_index)
    # then the beat's task queued it and the worker marks its document featured
    assert queued == 1
    wait_until(lambda: _featured(product), seconds=10)
