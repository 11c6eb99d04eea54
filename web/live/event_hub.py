"""One Redis pub/sub connection per web process, fanned out to every viewer it serves.

A thousand viewers of a session on one process cost one Redis subscription, not a thousand:
each viewer's stream registers an asyncio queue for its session's channel; the hub's reader
task puts every message on those queues. A viewer that falls LAG_LIMIT messages behind (a
stalled client) is told to reconnect (it then gets a fresh snapshot) instead of making the
process buffer for it. If Redis drops the subscription, every queue gets RESET and the
clients reconnect, so nobody silently misses events.

Viewer presence lives in a sorted set per session (member: connection id, score: last seen),
refreshed by each connection's heartbeat, so a web node that dies does not leave its
viewers counted forever (`livestream.events.VIEWER_TTL`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import redis.asyncio as aioredis
from django.conf import settings
from redis.exceptions import RedisError

from livestream.events import VIEWER_TTL, key

logger = logging.getLogger(__name__)

LAG_LIMIT = 256
POOL_SIZE = 32  # Redis connections per process and loop (one of them the subscription)
RESET = (-1, "")  # put on a queue: the stream ends, the client reconnects


@dataclass
class _Hub:
    client: aioredis.Redis
    queues: dict[str, set[asyncio.Queue[tuple[int, str]]]] = field(default_factory=dict)
    pubsub: Any = None
    reader: asyncio.Task[None] | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def join(self, channel: str) -> asyncio.Queue[tuple[int, str]]:
        queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue(maxsize=LAG_LIMIT)
        async with self.lock:
            listeners = self.queues.setdefault(channel, set())
            listeners.add(queue)
            if len(listeners) == 1:
                if self.pubsub is None:
                    self.pubsub = self.client.pubsub(ignore_subscribe_messages=True)
                await self.pubsub.subscribe(channel)
            if self.reader is None or self.reader.done():
                self.reader = asyncio.create_task(self._read())
        return queue

    async def leave(self, channel: str, queue: asyncio.Queue[tuple[int, str]]) -> None:
        async with self.lock:
            listeners = self.queues.get(channel)
            if listeners is None:
                return
            listeners.discard(queue)
            if not listeners:
                del self.queues[channel]
                if self.pubsub is not None:
                    with contextlib.suppress(RedisError):
                        await self.pubsub.unsubscribe(channel)

    async def _read(self) -> None:
        try:
            while self.queues:
                message = await self.pubsub.get_message(timeout=1.0)
                if message is None or message.get("type") != "message":
                    continue
                channel = message["channel"].decode()
                raw = message["data"].decode()
                event_id = int(json.loads(raw)["id"])
                for queue in list(self.queues.get(channel, ())):
                    try:
                        queue.put_nowait((event_id, raw))
                    except asyncio.QueueFull:
                        self._reset(queue)
        except (RedisError, OSError):
            logger.warning("live events: Redis subscription lost; viewers reconnect")
            async with self.lock:
                for listeners in self.queues.values():
                    for queue in listeners:
                        self._reset(queue)
                self.queues.clear()
                pubsub, self.pubsub = self.pubsub, None
            if pubsub is not None:
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.aclose()

    @staticmethod
    def _reset(queue: asyncio.Queue[tuple[int, str]]) -> None:
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(RESET)


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Hub] = weakref.WeakKeyDictionary()


def hub() -> _Hub:
    """This event loop's hub (a hub's connections belong to the loop that made them)."""
    loop = asyncio.get_running_loop()
    found = _hubs.get(loop)
    if found is None:
        # A bounded pool: a thousand viewers arriving at once queue for a few connections
        # instead of opening a thousand sockets to Redis.
        pool: aioredis.BlockingConnectionPool = aioredis.BlockingConnectionPool.from_url(
            settings.LIVE_EVENTS_REDIS_URL,
            max_connections=POOL_SIZE,
            timeout=10,
            socket_connect_timeout=2,
            health_check_interval=30,
        )
        found = _Hub(aioredis.Redis(connection_pool=pool))
        _hubs[loop] = found
    return found


@asynccontextmanager
async def subscription(livestream_id: int) -> AsyncIterator[asyncio.Queue[tuple[int, str]]]:
    """The session's live events, (id, raw json), from now until the block ends."""
    channel = key(livestream_id, "channel")
    queue = await hub().join(channel)
    try:
        yield queue
    finally:
        await hub().leave(channel, queue)


async def current_id(livestream_id: int) -> int:
    value = await hub().client.get(key(livestream_id, "seq"))
    return int(value or 0)


async def logged_events(livestream_id: int, after: int, upto: int) -> list[tuple[int, str, str]]:
    """Logged events with after < id <= upto, oldest first: (id, kind, raw json)."""
    events = []
    for item in await hub().client.lrange(key(livestream_id, "log"), 0, -1):
        raw = item.decode()
        parsed = json.loads(raw)
        if after < int(parsed["id"]) <= upto:
            events.append((int(parsed["id"]), str(parsed["kind"]), raw))
    return events


# Presence: add the connection, keep the peak (Redis and, when it grows, the row).
_ARRIVE = """
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[3])
redis.call('EXPIRE', KEYS[1], 172800)
local now = redis.call('ZCARD', KEYS[1])
local peak = tonumber(redis.call('GET', KEYS[2]) or '0')
if now > peak then
  redis.call('SET', KEYS[2], now, 'EX', 172800)
  return {now, 1}
end
return {now, 0}
"""


async def arrive(livestream_id: int, connection_id: str) -> tuple[int, bool]:
    """Count a connection in; returns (viewers now, whether that is a new peak)."""
    now, new_peak = await hub().client.eval(
        _ARRIVE,
        2,
        key(livestream_id, "viewers"),
        key(livestream_id, "peak"),
        time.time(),
        connection_id,
        VIEWER_TTL,
    )
    return int(now), bool(new_peak)


async def refresh(livestream_id: int, connection_id: str) -> tuple[int, int]:
    """Heartbeat: the connection is still here; returns (viewers now, peak)."""
    pipe = hub().client.pipeline(transaction=False)
    pipe.zadd(key(livestream_id, "viewers"), {connection_id: time.time()})
    pipe.zcount(key(livestream_id, "viewers"), time.time() - VIEWER_TTL, "+inf")
    pipe.get(key(livestream_id, "peak"))
    _, now, peak = await pipe.execute()
    return int(now), max(int(peak or 0), int(now))


async def depart(livestream_id: int, connection_id: str) -> int:
    """Count a connection out; returns the peak to keep."""
    pipe = hub().client.pipeline(transaction=False)
    pipe.zrem(key(livestream_id, "viewers"), connection_id)
    pipe.get(key(livestream_id, "peak"))
    _, peak = await pipe.execute()
    return int(peak or 0)
