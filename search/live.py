"""The "live now" flag on product documents.

Livestreams do not exist yet; when they do, the stream code calls `set_live_now` as a
show starts and ends. The flag lives in the cache (Redis), not in a catalog table, and
expires on its own so a crashed show does not stay "live" forever; the indexer reads
it whenever it builds a document, so a reindex keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache

from search.index_queue import reindex_products

LIVE_TTL_SECONDS = 6 * 3600


def _key(product_id: int) -> str:
    return f"search:live:{product_id}"


def set_live_now(
    product_ids: Iterable[int], live: bool, *, ttl_seconds: int = LIVE_TTL_SECONDS
) -> None:
    """Mark products live (or not) and refresh their documents after the current commit."""
    ids = sorted(set(product_ids))
    if live:
        cache.set_many({_key(pk): True for pk in ids}, timeout=ttl_seconds)
    else:
        cache.delete_many([_key(pk) for pk in ids])
    reindex_products(ids)


def live_product_ids(product_ids: Iterable[int]) -> set[int]:
    ids = list(product_ids)
    if not ids:
        return set()
    found = cache.get_many([_key(pk) for pk in ids])
    return {pk for pk in ids if found.get(_key(pk))}
