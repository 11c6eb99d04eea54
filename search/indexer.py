"""From database rows to documents, and documents into Elasticsearch.

`sync_products(ids)` is what the Celery tasks run: it re-reads the products, applies the
listing rule per channel (`catalog.listing.listable_products`), indexes the listable
ones and deletes the others' documents. `bulk_index` is the fast path the rebuild and
the benchmark use.
"""

from __future__ import annotations

import datetime
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from elasticsearch import helpers

from catalog.attributes import AttributeCatalogue, load_catalogue, material_slugs, net_quantity
from catalog.listing import listable_products
from catalog.models import Category, Channel, FactKey, ProductFact
from places.models import LegacyProvince
from search.client import get_client
from search.documents import ProductSource, document_id, to_document
from search.facts import with_facts
from search.index_queue import schedule_backfill
from search.indices import ensure_index, prefix_or_default, write_targets
from search.live import live_product_ids

CHUNK_SIZE = 1000
BULK_TIMEOUT_SECONDS = 60


class BulkWriteError(RuntimeError):
    """Some documents were refused; the task retries the whole batch."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(errors)} document(s) failed: {errors[:3]}")
        self.errors = errors


@dataclass
class Lookups:
    """Small tables every document needs, read once per batch (or once per rebuild)."""

    categories: dict[int, tuple[str, int | None]] = field(default_factory=dict)
    legacy_names: dict[int, list[str]] = field(default_factory=dict)
    attributes: AttributeCatalogue = field(default_factory=AttributeCatalogue)

    @classmethod
    def load(cls) -> Lookups:
        categories: dict[int, tuple[str, int | None]] = {
            pk: (name, parent)
            for pk, name, parent in Category.objects.values_list("pk", "name", "parent_id")
        }
        legacy: dict[int, list[str]] = {}
        for new_id, name in LegacyProvince.objects.order_by("name").values_list(
            "new_province_id", "name"
        ):
            legacy.setdefault(new_id, []).append(name)
        return cls(categories=categories, legacy_names=legacy, attributes=load_catalogue())

    def category_path(self, category_id: int | None) -> tuple[list[int], list[str]]:
        """Ids and names from the root down to the category."""
        ids: list[int] = []
        names: list[str] = []
        seen: set[int] = set()
        current = category_id
        while current is not None and current in self.categories and current not in seen:
            seen.add(current)
            name, parent = self.categories[current]
            ids.append(current)
            names.append(name)
            current = parent
        return ids[::-1], names[::-1]


def attribute_fields(catalogue: AttributeCatalogue, facts: list[ProductFact]) -> dict[str, Any]:
    """The document's attribute fields from the product's label facts."""
    values = {fact.key: fact.value for fact in facts}
    material = values.get(FactKey.MATERIAL)
    quantity = net_quantity(values.get(FactKey.NET_CONTENT) or "")
    return {
        "materials": material_slugs(catalogue, material) if material else [],
        "net_quantity": quantity[0] if quantity else None,
        "net_unit": quantity[1] if quantity else "",
    }


def load_sources(
    channel: Channel, product_ids: Iterable[int], lookups: Lookups | None = None
) -> list[ProductSource]:
    """Sources of the products among `product_ids` that are listable in `channel`."""
    ids = list(product_ids)
    if not ids:
        return []
    lookups = lookups or Lookups.load()
    products = list(
        with_facts(listable_products(channel).filter(pk__in=ids), channel)
        .select_related("seller", "origin_province")
        .prefetch_related("facts")
        .order_by("pk")
    )
    live = live_product_ids(p.pk for p in products)
    sources = []
    for product in products:
        seller = product.seller
        province = product.origin_province
        category_ids, category_names = lookups.category_path(product.category_id)
        # Pre-2025 provinces merged into the origin: "Hà Giang" finds Tuyên Quang's goods.
        legacy = (
            [n for n in lookups.legacy_names.get(province.pk, []) if n != province.name]
            if province
            else []
        )
        sources.append(
            ProductSource(
                product_id=product.pk,
                channel=channel.slug,
                slug=product.slug,
                name=product.name,
                name_en=product.name_en,
                description=product.description,
                story=seller.story,
                category_ids=category_ids,
                category_names=category_names,
                seller_id=seller.pk,
                seller_slug=seller.slug,
                seller_kind=seller.kind,
                seller_name=seller.stall_name,
                province_code=province.code if province else "",
                province_name=province.name if province else "",
                legacy_province_names=legacy,
                stars=product.search_stars,  # type: ignore[attr-defined]
                price_min=product.search_price_min,  # type: ignore[attr-defined]
                price_max=product.search_price_max,  # type: ignore[attr-defined]
                in_stock=bool(product.search_in_stock),  # type: ignore[attr-defined]
                certificate_valid_until=product.search_valid_until,  # type: ignore[attr-defined]
                rating=product.rating,
                popularity=product.popularity,
                live_now=product.pk in live,
                featured=bool(product.search_featured),  # type: ignore[attr-defined]
                created_at=product.created_at,
                **attribute_fields(lookups.attributes, list(product.facts.all())),
            )
        )
    return sources


def _status(item: dict[str, Any]) -> int | None:
    """The HTTP status of one bulk response item ({"index": {"status": 201, …}})."""
    result: dict[str, Any] = next(iter(item.values()), {})
    status = result.get("status")
    return int(status) if status is not None else None


def _raise_real_errors(errors: list[dict[str, Any]]) -> None:
    # Deleting a document that is not there is the expected outcome, not a failure.
    real = [e for e in errors if _status(e) != 404]
    if real:
        raise BulkWriteError(real)


def sync_products(product_ids: Iterable[int], prefix: str | None = None) -> dict[str, int]:
    """Bring the documents of these products in line with the database, in every channel."""
    ids = sorted(set(product_ids))
    if not ids:
        return {"indexed": 0, "deleted": 0}
    targets = write_targets(prefix)
    if not targets:
        if prefix_or_default(prefix) != settings.ELASTICSEARCH_INDEX_PREFIX:
            # A task for another prefix whose index is gone (a finished test run, a
            # renamed deployment): never resurrect it.
            return {"indexed": 0, "deleted": 0}
        if ensure_index(prefix):
            schedule_backfill(prefix)
        targets = write_targets(prefix)
    lookups = Lookups.load()
    now = datetime.datetime.now(datetime.UTC)
    actions: list[dict[str, Any]] = []
    indexed = deleted = 0
    for channel in Channel.objects.order_by("pk"):
        sources = load_sources(channel, ids, lookups) if channel.is_active else []
        present = {s.product_id for s in sources}
        for source in sources:
            doc = to_document(source, now=now)
            for index in targets:
                actions.append(
                    {
                        "_op_type": "index",
                        "_index": index,
                        "_id": document_id(source.product_id, channel.slug),
                        "_source": doc,
                    }
                )
        for pk in ids:
            if pk not in present:
                for index in targets:
                    actions.append(
                        {
                            "_op_type": "delete",
                            "_index": index,
                            "_id": document_id(pk, channel.slug),
                        }
                    )
        indexed += len(present)
        deleted += len(ids) - len(present)
    client = get_client().options(request_timeout=BULK_TIMEOUT_SECONDS)
    _, errors = helpers.bulk(client, actions, raise_on_error=False, chunk_size=CHUNK_SIZE)
    _raise_real_errors(errors if isinstance(errors, list) else [])
    return {"indexed": indexed, "deleted": deleted}


def bulk_index(
    sources: Iterable[ProductSource],
    index: str,
    *,
    op_type: str = "index",
    chunk_size: int = CHUNK_SIZE,
    threads: int = 2,
) -> Iterator[int]:
    """Write documents built from `sources` to `index`; yields the running count.

    `sources` is consumed in the calling thread (it may read the database); up to
    `threads` bulk requests are in flight meanwhile, so building the next chunk (folding
    is CPU work) overlaps with Elasticsearch ingesting the previous ones.

    With op_type="create" an existing document wins: a rebuild then never overwrites
    a fresher document a live update already wrote to the new index.
    """
    client = get_client().options(request_timeout=BULK_TIMEOUT_SECONDS)
    now = datetime.datetime.now(datetime.UTC)
    tolerated = {409} if op_type == "create" else set()

    def send(operations: list[dict[str, Any]]) -> tuple[int, list[dict[str, Any]]]:
        response = client.bulk(
            operations=operations, filter_path="errors,items.*.status,items.*.error"
        )
        items = response.get("items", [])
        failed = [
            item
            for item in items
            if (_status(item) or 200) >= 300 and _status(item) not in tolerated
        ]
        return len(items), failed

    done = 0
    errors: list[dict[str, Any]] = []
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="search-bulk") as pool:
        in_flight: deque[Future[tuple[int, list[dict[str, Any]]]]] = deque()
        batch: list[dict[str, Any]] = []
        for source in sources:
            batch.append(
                {op_type: {"_index": index, "_id": document_id(source.product_id, source.channel)}}
            )
            batch.append(to_document(source, now=now))
            if len(batch) >= 2 * chunk_size:
                in_flight.append(pool.submit(send, batch))
                batch = []
                while len(in_flight) >= threads:
                    count, failed = in_flight.popleft().result()
                    done, errors = done + count, errors + failed
                    yield done
        if batch:
            in_flight.append(pool.submit(send, batch))
        while in_flight:
            count, failed = in_flight.popleft().result()
            done, errors = done + count, errors + failed
            yield done
    if errors:
        raise BulkWriteError(errors)


def listable_ids(channel: Channel) -> Iterator[list[int]]:
    """Chunks of the ids of every product listable in `channel`, in pk order."""
    last = 0
    while True:
        chunk = list(
            listable_products(channel)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:CHUNK_SIZE]
        )
        if not chunk:
            return
        yield chunk
        last = chunk[-1]


def iter_sources(channel: Channel, lookups: Lookups) -> Iterator[ProductSource]:
    for chunk in listable_ids(channel):
        yield from load_sources(channel, chunk, lookups)


def count_listable(channel: Channel) -> int:
    return listable_products(channel).count()
