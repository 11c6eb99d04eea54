"""`ocop reindex`: rebuild the product index with zero downtime.

1. Create `{prefix}-products-v{N}-{timestamp}` (no refreshes, no replicas while loading)
   and point the `{prefix}-products-next` alias at it: from then on live updates are
   written to both the current and the new index.
2. Load every listable product, per channel, with op_type=create, so a fresher
   document that a live update already wrote is never overwritten by the scan.
3. Refresh, then swap the read alias in one atomic `_aliases` call.
4. Keep the previous index (rollback, and searches still running on it) and delete
   older ones.

Mapping changes (MAPPING_VERSION) go through this command.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from catalog.models import Channel
from search.client import get_client, is_configured
from search.documents import MAPPING_VERSION
from search.indexer import Lookups, bulk_index, count_listable, iter_sources
from search.indices import (
    alias_name,
    create_index,
    finish_building,
    indices_of,
    new_index_name,
    next_alias_name,
    prefix_or_default,
)

Progress = Callable[[str], None]
LOCK_SECONDS = 3600


class ReindexBusy(RuntimeError):
    pass


@dataclass
class RebuildReport:
    index: str
    documents: int
    seconds: float
    replaced: list[str]
    deleted: list[str]

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _say(message: str) -> None:
    print(f"[reindex] {message}", flush=True)


def rebuild(
    prefix: str | None = None,
    *,
    progress: Progress = _say,
    keep: int = 1,
    chunk_size: int = 1000,
) -> RebuildReport:
    prefix = prefix_or_default(prefix)
    lock = f"search:reindex-lock:{prefix}"
    if not cache.add(lock, "1", timeout=LOCK_SECONDS):
        raise ReindexBusy(f"another reindex of {prefix!r} is running (cache key {lock})")
    try:
        return _rebuild(prefix, progress, keep, chunk_size)
    finally:
        cache.delete(lock)


def _rebuild(prefix: str, progress: Progress, keep: int, chunk_size: int) -> RebuildReport:
    client = get_client().options(request_timeout=120)
    alias, building = alias_name(prefix), next_alias_name(prefix)
    if client.indices.exists(index=alias) and not client.indices.exists_alias(name=alias):
        raise RuntimeError(f"{alias!r} is a concrete index, not an alias: delete it first")
    name = new_index_name(prefix)
    started = time.monotonic()
    progress(f"creating {name} (mapping v{MAPPING_VERSION})")
    create_index(name, building=True)
    client.indices.update_aliases(actions=[{"add": {"index": name, "alias": building}}])
    documents = 0
    try:
        lookups = Lookups.load()
        for channel in Channel.objects.filter(is_active=True).order_by("pk"):
            expected = count_listable(channel)
            progress(f"channel {channel.slug}: {expected:,} listable products")
            channel_started = time.monotonic()
            done, last_report = 0, 0.0
            for done in bulk_index(
                iter_sources(channel, lookups), name, op_type="create", chunk_size=chunk_size
            ):
                now = time.monotonic()
                if now - last_report >= 1.0:
                    last_report = now
                    rate = done / (now - channel_started) if now > channel_started else 0
                    progress(f"  {done:,}/{expected:,} documents ({rate:,.0f}/s)")
            documents += done
        finish_building(name)
        previous = [index for index in indices_of(alias) if index != name]
        actions: list[dict[str, dict[str, str]]] = [{"add": {"index": name, "alias": alias}}]
        actions += [{"remove": {"index": old, "alias": alias}} for old in previous]
        actions.append({"remove": {"index": name, "alias": building}})
        client.indices.update_aliases(actions=actions)
    except BaseException:
        progress(f"failed; deleting {name}")
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    progress(f"alias {alias} → {name}" + (f" (was {', '.join(previous)})" if previous else ""))
    deleted = _prune(prefix, keep_besides_current=keep, current=name)
    if deleted:
        progress(f"deleted old indices: {', '.join(deleted)}")
    seconds = time.monotonic() - started
    report = RebuildReport(name, documents, seconds, previous, deleted)
    progress(f"done: {documents:,} documents in {seconds:.1f} s ({report.rate:,.0f}/s)")
    return report


def _prune(prefix: str, *, keep_besides_current: int, current: str) -> list[str]:
    """Delete versioned indices beyond the newest `keep_besides_current` older ones."""
    client = get_client().options(request_timeout=60)
    alias = alias_name(prefix)
    found = client.indices.get(index=f"{alias}-v*", expand_wildcards="open,closed")
    aliased = set(indices_of(alias)) | set(indices_of(next_alias_name(prefix)))
    older = sorted(
        (
            name
            for name, info in found.items()
            if name != current and name not in aliased and name.startswith(f"{alias}-v")
        ),
        key=lambda name: _created(found[name]),
        reverse=True,
    )
    doomed = older[keep_besides_current:]
    if doomed:
        client.indices.delete(index=",".join(doomed))
    return doomed


def _created(info: dict[str, Any]) -> int:
    return int(info.get("settings", {}).get("index", {}).get("creation_date", 0))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="ocop reindex",
        description="Rebuild the product search index and swap it in atomically.",
    )
    parser.add_argument("--prefix", help="index prefix (default ELASTICSEARCH_INDEX_PREFIX)")
    parser.add_argument(
        "--keep", type=int, default=1, help="previous indices to keep for rollback (default 1)"
    )
    parser.add_argument("--chunk-size", type=int, default=1000)
    args = parser.parse_args(argv)
    if not is_configured():
        _say("ELASTICSEARCH_URL is not set: search answers from PostgreSQL, nothing to do")
        return 1
    try:
        rebuild(args.prefix, keep=args.keep, chunk_size=args.chunk_size)
    except ReindexBusy as exc:
        _say(str(exc))
        return 3
    return 0
