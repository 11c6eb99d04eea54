"""What a live session's viewers are told, and when: only after the change committed.

The contract every writer uses (pins, flash deals, sales, comments, status changes):

    announce_state(livestream.pk, "offer.pinned")   # inside the writer's transaction

Once the transaction commits, the event is published with the session's state as read from
the database then (`livestream.live_state.snapshot`), never a guess by the writer; a
rolled-back transaction publishes nothing. Comment events carry their own data instead:

    announce(livestream.pk, "comment.posted", {...})

Kinds: session.live, session.ended, offer.pinned, offer.unpinned, offer.changed, offer.sold,
flash.scheduled, flash.opened, flash.closed, comment.posted, comment.hidden, user.muted.

The transport: every event gets the next id of its session (Redis INCR), is appended to the
session's capped log (the last LOG_SIZE events, so a client reconnecting with Last-Event-ID
gets what it missed) and published on the session's pub/sub channel, all three in one Lua
script, so ids reach the channel in increasing order. A state event reads its snapshot while
holding the session's publish lock: snapshots are published in the order they were read, so
the last event a viewer receives is never older than the last committed change.
Redis keys and channels start with `settings.LIVE_EVENTS_PREFIX` (pub/sub ignores the Redis
db number, so parallel test runs on one Redis need their own prefix).

A wire event is JSON: {"id": int, "kind": str, "state": {...}} or {"id", "kind", "data"}.
A state carries `viewers` (connected now) and `peak_viewers` besides the snapshot's keys.
If Redis is down the change still stands (it is committed); viewers catch up from the
snapshot when they reconnect or poll.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import time
from typing import Any

import redis
from django.conf import settings
from django.db import transaction

from livestream.live_state import snapshot

logger = logging.getLogger(__name__)

LOG_SIZE = 200  # events kept per session for reconnecting clients
KEY_TTL = 2 * 24 * 3600  # a session's keys outlive its end by two days at most
VIEWER_TTL = 45  # a viewer whose connection did not refresh within this is gone (node died)

# KEYS: seq, log, channel. ARGV: json body without its id, log size, ttl.
# Returns the id; the published body is {"id": id, <body's keys>}.
_PUBLISH = """
local id = redis.call('INCR', KEYS[1])
local body = '{"id": ' .. id .. ', ' .. string.sub(ARGV[1], 2)
redis.call('RPUSH', KEYS[2], body)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('PUBLISH', KEYS[3], body)
return id
"""


def key(livestream_id: int, part: str) -> str:
    """A session's Redis key or channel: part is seq, log, channel, viewers, peak or lock."""
    return f"{settings.LIVE_EVENTS_PREFIX}:live:{livestream_id}:{part}"


@functools.cache
def client() -> redis.Redis:
    """The process's Redis connection pool for events (short timeouts: a hung Redis must
    not hold the request that committed)."""
    return redis.Redis.from_url(
        settings.LIVE_EVENTS_REDIS_URL, socket_connect_timeout=1, socket_timeout=1
    )


def viewer_counts(livestream_id: int, *, conn: redis.Redis | None = None) -> tuple[int, int]:
    """(viewers connected now, peak) from Redis; (0, 0) when it does not answer."""
    r = conn or client()
    try:
        pipe = r.pipeline(transaction=False)
        pipe.zcount(key(livestream_id, "viewers"), time.time() - VIEWER_TTL, "+inf")
        pipe.get(key(livestream_id, "peak"))
        now, peak = pipe.execute()
    except redis.RedisError:
        return 0, 0
    return int(now), max(int(peak or 0), int(now))


def state_with_viewers(livestream_id: int) -> dict[str, Any]:
    """The snapshot plus the viewer figures: what state events and the polling fallback carry."""
    state = snapshot(livestream_id)
    state["viewers"], state["peak_viewers"] = viewer_counts(livestream_id)
    return state


def publish(livestream_id: int, kind: str, body: dict[str, Any]) -> int | None:
    """Publish now (no transaction check): returns the event id, None if Redis failed."""
    try:
        return int(
            client().eval(
                _PUBLISH,
                3,
                key(livestream_id, "seq"),
                key(livestream_id, "log"),
                key(livestream_id, "channel"),
                json.dumps({"kind": kind, **body}, ensure_ascii=False, separators=(",", ":")),
                LOG_SIZE,
                KEY_TTL,
            )
        )
    except redis.RedisError:
        logger.warning("live event %s of session %s not published", kind, livestream_id)
        return None


def publish_state(livestream_id: int, kind: str) -> int | None:
    """Read the state and publish it under the session's lock (see the module docstring).
    If the lock cannot be had within 2 s (a stuck publisher) it publishes anyway."""
    try:
        lock = client().lock(key(livestream_id, "lock"), timeout=5, blocking_timeout=2)
        acquired = lock.acquire()
    except redis.RedisError:
        logger.warning("live event %s of session %s not published", kind, livestream_id)
        return None
    try:
        return publish(livestream_id, kind, {"state": state_with_viewers(livestream_id)})
    finally:
        if acquired:
            # Expired (5 s) or Redis gone: the next publisher takes it anyway.
            with contextlib.suppress(redis.RedisError):
                lock.release()


def announce_state(livestream_id: int, kind: str) -> None:
    """After commit: publish `kind` with the session's fresh state."""
    transaction.on_commit(lambda: publish_state(livestream_id, kind), robust=True)


def announce(livestream_id: int, kind: str, data: dict[str, Any]) -> None:
    """After commit: publish `kind` with `data` (JSON-serialisable)."""
    transaction.on_commit(lambda: publish(livestream_id, kind, {"data": data}), robust=True)
