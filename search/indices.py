"""Index names, creation and the alias readers and writers go through.

Readers use the alias `{prefix}-products`; it points at one versioned index
`{prefix}-products-v{MAPPING_VERSION}-{timestamp}`. While `ocop reindex` builds a new
index, the alias `{prefix}-products-next` points at it, and live updates are written to
both, so nothing is lost when the read alias is swapped.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from elasticsearch import ApiError, NotFoundError

from search.client import get_client
from search.documents import MAPPING_VERSION, mapping

log = logging.getLogger(__name__)


def prefix_or_default(prefix: str | None) -> str:
    return prefix or settings.ELASTICSEARCH_INDEX_PREFIX


def alias_name(prefix: str | None = None) -> str:
    return f"{prefix_or_default(prefix)}-products"


def next_alias_name(prefix: str | None = None) -> str:
    return f"{alias_name(prefix)}-next"


def new_index_name(prefix: str | None = None) -> str:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name(prefix)}-v{MAPPING_VERSION}-{stamp}"


def index_body(*, building: bool = False) -> dict[str, Any]:
    """Settings and mappings; a building index skips refreshes and replicas until done."""
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0 if building else settings.ELASTICSEARCH_REPLICAS,
            "refresh_interval": "-1" if building else "1s",
            # Deep pages are capped by the API; this bounds from+size for safety.
            "max_result_window": 10_000,
        },
        "mappings": mapping(),
    }


def create_index(name: str, *, building: bool = False) -> None:
    body = index_body(building=building)
    get_client().options(request_timeout=30).indices.create(
        index=name, settings=body["settings"], mappings=body["mappings"]
    )


def finish_building(name: str) -> None:
    client = get_client().options(request_timeout=60)
    client.indices.put_settings(
        index=name,
        settings={
            "index": {
                "refresh_interval": "1s",
                "number_of_replicas": settings.ELASTICSEARCH_REPLICAS,
            }
        },
    )
    client.indices.refresh(index=name)
    client.cluster.health(index=name, wait_for_status="yellow", timeout="30s")


def indices_of(alias: str) -> list[str]:
    try:
        found = get_client().indices.get_alias(name=alias)
    except NotFoundError:
        return []
    return sorted(found.keys())


def ensure_index(prefix: str | None = None) -> bool:
    """Create the read alias and a first index when missing; True when this call did.

    The first index has a fixed name so that processes racing here all end up with the
    same single index behind the alias.
    """
    alias = alias_name(prefix)
    client = get_client()
    if client.indices.exists_alias(name=alias):
        return False
    if client.indices.exists(index=alias):
        raise RuntimeError(
            f"{alias!r} is a concrete index, not an alias (was it auto-created by a write?); "
            "delete it and run `ocop reindex`"
        )
    name = f"{alias}-v{MAPPING_VERSION}-initial"
    try:
        create_index(name)
    except ApiError as exc:
        if exc.error != "resource_already_exists_exception":
            raise
    client.options(request_timeout=30).indices.update_aliases(
        actions=[{"add": {"index": name, "alias": alias}}]
    )
    log.info("created search index %s behind alias %s", name, alias)
    return True


def write_targets(prefix: str | None = None) -> list[str]:
    """Concrete indices live updates go to: the read alias's and a building one's."""
    alias, building = alias_name(prefix), next_alias_name(prefix)
    try:
        found: Any = get_client().indices.get_alias(name=f"{alias},{building}")
    except NotFoundError as exc:
        # A 404 names the missing alias and still lists the indices of the other one.
        found = exc.body if isinstance(exc.body, dict) else {}
    return sorted(k for k, v in found.items() if isinstance(v, dict) and "aliases" in v)


def delete_all(prefix: str) -> list[str]:
    """Delete every index of a prefix (tests, and `ocop reindex --drop`). Names are listed
    first: clusters refuse wildcard deletes by default."""
    client = get_client().options(request_timeout=60)
    names = sorted(client.indices.get(index=f"{alias_name(prefix)}*").keys())
    if names:
        client.indices.delete(index=",".join(names))
    return names
