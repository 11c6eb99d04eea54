"""A live session pushed to its viewers: server-sent events, and a JSON snapshot to poll.

    GET /live/<slug>/su-kien/     text/event-stream (EventSource; Last-Event-ID or ?last_id=)
    GET /live/<slug>/trang-thai/  the state as JSON: the fallback when push fails

The stream: first a fresh snapshot (kind "snapshot", id = the session's last event id), then
the comment events missed since Last-Event-ID (their state events are superseded by the
snapshot, so they are not replayed; sent without an `id:` line so the browser's last id stays
the snapshot's), then live events as `livestream.events` publishes them, and a "viewers"
event every HEARTBEAT seconds that also keeps proxies from closing an idle connection.
Every message is `data: <json>` of the default event type; the JSON's "kind" says what it is.

Why the snapshot needs no lock: the hub subscribes before the last id is read and the state
is read after it, so any change the snapshot misses has an event with a larger id, which this
stream receives. That also lets one snapshot serve every viewer joining while the id has not
moved (`_snapshot_frame`): a thousand viewers arriving at once cost a handful of queries.

Under ASGI (`marketplace.asgi`) the stream runs as a bare ASGI app, outside Django's
handler: Django gives every request its own thread for its sync middleware and holds it until
the response ends, which for a stream is the whole viewing. Here an idle viewer holds a
queue and a coroutine, no thread and no database connection: the few database reads run on
the loop's thread pool and give their connection back at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async
from django.db import close_old_connections
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from redis.exceptions import RedisError

from livestream.events import client, key, state_with_viewers
from livestream.models import Livestream
from livestream.queries import public_livestreams
from web.live import event_hub

logger = logging.getLogger(__name__)

HEARTBEAT = 15.0  # seconds between "viewers" events on an idle stream
RETRY_MS = 3000  # the browser's wait before reconnecting
SNAPSHOT_MAX_AGE = 2.0  # seconds a shared snapshot serves joiners (its viewer count ages)
STREAM_HEADERS = {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    "X-Accel-Buffering": "no",  # nginx: do not buffer the stream
}


def _with_db(function: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    """Run on the loop's thread pool (not the request's thread) and never keep a broken or
    expired connection (CONN_MAX_AGE applies, as at the end of a request)."""

    def run(*args: Any) -> Any:
        close_old_connections()
        try:
            return function(*args)
        finally:
            close_old_connections()

    return sync_to_async(run, thread_sensitive=False)


def _session_id(slug: str) -> int | None:
    return public_livestreams().filter(slug=slug).values_list("pk", flat=True).first()


def _keep_peak(livestream_id: int, peak: int) -> None:
    Livestream.objects.filter(pk=livestream_id, peak_viewers__lt=peak).update(peak_viewers=peak)


_snapshots: dict[int, tuple[int, float, str]] = {}  # session: (last id, read at, the frame)
_snapshot_locks: dict[tuple[int, int], asyncio.Lock] = {}  # (loop, session): a lock per loop
_peaks_kept: dict[int, tuple[int, float]] = {}  # session: (peak written to the row, when)


async def _snapshot_frame(livestream_id: int, last_id: int) -> str:
    """The snapshot event as of event `last_id` or later, framed once and shared by the
    viewers joining together."""
    loop_key = (id(asyncio.get_running_loop()), livestream_id)
    lock = _snapshot_locks.setdefault(loop_key, asyncio.Lock())
    async with lock:
        cached = _snapshots.get(livestream_id)
        if cached and cached[0] == last_id and time.monotonic() - cached[1] < SNAPSHOT_MAX_AGE:
            return cached[2]
        state = await _with_db(state_with_viewers)(livestream_id)
        frame = _frame(last_id, _dumps({"id": last_id, "kind": "snapshot", "state": state}))
        _snapshots[livestream_id] = (last_id, time.monotonic(), frame)
        return frame


_session_ids: dict[str, tuple[int | None, float]] = {}  # slug: (session id, read at)
SESSION_ID_MAX_AGE = 5.0  # a session made private stops new streams within 5 s


async def _public_session_id(slug: str) -> int | None:
    """The public session's id, remembered a few seconds: a thousand viewers arriving at
    once cost one query, not a thousand."""
    cached = _session_ids.get(slug)
    if cached and time.monotonic() - cached[1] < SESSION_ID_MAX_AGE:
        return cached[0]
    found = await _with_db(_session_id)(slug)
    if len(_session_ids) > 1000:
        _session_ids.clear()
    _session_ids[slug] = (found, time.monotonic())
    return found


async def _note_peak(livestream_id: int, peak: int, *, force: bool) -> None:
    """Write a new peak to `Livestream.peak_viewers`, at most every 2 s per session and
    process while viewers pour in, and always when a viewer leaves after a higher peak."""
    kept, at = _peaks_kept.get(livestream_id, (0, 0.0))
    if peak <= kept or (not force and time.monotonic() - at < 2.0):
        return
    _peaks_kept[livestream_id] = (peak, time.monotonic())
    await _with_db(_keep_peak)(livestream_id, peak)


def _frame(event_id: int | None, data: str) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}data: {data}\n\n"


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def event_stream(livestream_id: int, last_id: int | None) -> AsyncGenerator[str, None]:
    """The stream of one viewer (see the module docstring), until the client goes away."""
    connection_id = uuid.uuid4().hex
    yield f"retry: {RETRY_MS}\n\n"
    arrived = False
    try:
        async with event_hub.subscription(livestream_id) as queue:
            viewers, new_peak = await event_hub.arrive(livestream_id, connection_id)
            arrived = True
            if new_peak:
                await _note_peak(livestream_id, viewers, force=False)
            upto = await event_hub.current_id(livestream_id)
            yield await _snapshot_frame(livestream_id, upto)
            if last_id is not None and last_id < upto:
                for _, kind, raw in await event_hub.logged_events(livestream_id, last_id, upto):
                    if kind.startswith("comment.") or kind == "user.muted":
                        yield _frame(None, raw)
            sent = upto
            while True:
                try:
                    event_id, raw = await asyncio.wait_for(queue.get(), HEARTBEAT)
                except TimeoutError:
                    try:
                        viewers, peak = await event_hub.refresh(livestream_id, connection_id)
                    except (RedisError, OSError):
                        # Redis is slow or away: keep the stream (the hub resets it if the
                        # subscription is lost), skip this count.
                        yield ": heartbeat\n\n"
                        continue
                    data = {"viewers": viewers, "peak_viewers": peak}
                    yield _frame(None, _dumps({"id": None, "kind": "viewers", "data": data}))
                    continue
                if event_id < 0:
                    return  # the hub lost Redis or this client lagged: reconnect, resnapshot
                if event_id > sent:
                    sent = event_id
                    yield _frame(event_id, raw)
    finally:
        if arrived:
            try:
                peak = await event_hub.depart(livestream_id, connection_id)
                await _note_peak(livestream_id, peak, force=True)
            except Exception:
                pass


def _last_id(header: str | None, query: str | None) -> int | None:
    for value in (header, query):
        if value and value.strip().isdigit():
            return int(value.strip())
    return None


# How long the Django view streams before it ends the response (see `events`).
WSGI_STREAM_SECONDS = 20.0


async def _for_at_most(
    stream: AsyncGenerator[str, None], seconds: float
) -> AsyncGenerator[str, None]:
    """`stream`'s frames until `seconds` have passed, then the end of the response."""
    deadline = time.monotonic() + seconds
    try:
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                frame = await asyncio.wait_for(anext(stream), remaining)
            except (StopAsyncIteration, TimeoutError):
                return
            yield frame
    finally:
        await stream.aclose()


@require_GET
async def events(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The Django view (test client, `runserver`, the tests' live server); under ASGI
    `sse_app` answers first. A WSGI server holds a thread for as long as a response lasts
    (and a process cannot exit while it does), so here the stream ends after
    WSGI_STREAM_SECONDS: EventSource reconnects by itself with its Last-Event-ID, and gets
    a fresh snapshot and what it missed, as after any reconnection."""
    livestream_id = await _public_session_id(slug)
    if livestream_id is None:
        raise Http404
    last_id = _last_id(request.headers.get("Last-Event-ID"), request.GET.get("last_id"))
    stream = _for_at_most(event_stream(livestream_id, last_id), WSGI_STREAM_SECONDS)
    return StreamingHttpResponse(stream, headers=STREAM_HEADERS)


@never_cache
@require_GET
def state(request: HttpRequest, slug: str) -> HttpResponse:
    """The polling fallback: the state now, and the last event id it covers."""
    livestream_id = _session_id(slug)
    if livestream_id is None:
        raise Http404
    try:
        last = int(client().get(key(livestream_id, "seq")) or 0)
    except Exception:
        last = 0
    return JsonResponse(
        {"id": last, "kind": "snapshot", "state": state_with_viewers(livestream_id)}
    )


# --- The bare ASGI app (see the module docstring). `marketplace.asgi` routes to it.

SSE_PREFIX = "/live/"
SSE_SUFFIX = "/su-kien/"


def is_event_stream_path(path: str) -> bool:
    if not (path.startswith(SSE_PREFIX) and path.endswith(SSE_SUFFIX)):
        return False
    slug = path[len(SSE_PREFIX) : -len(SSE_SUFFIX)]
    return bool(slug) and "/" not in slug


async def sse_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["method"] not in ("GET", "HEAD"):
        await _plain(send, 405, b"Method Not Allowed")
        return
    slug = scope["path"][len(SSE_PREFIX) : -len(SSE_SUFFIX)]
    livestream_id = await _public_session_id(slug)
    if livestream_id is None:
        await _plain(send, 404, b"Not Found")
        return
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    last_id = _last_id(headers.get("last-event-id"), (query.get("last_id") or [None])[0])
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(k.lower().encode(), v.encode()) for k, v in STREAM_HEADERS.items()],
        }
    )
    if scope["method"] == "HEAD":
        await send({"type": "http.response.body", "body": b""})
        return
    stream = event_stream(livestream_id, last_id)

    async def pump() -> None:
        try:
            async for chunk in stream:
                body = chunk.encode()
                await send({"type": "http.response.body", "body": body, "more_body": True})
        except (RedisError, OSError) as error:
            logger.warning("live event stream of session %s ended: %r", livestream_id, error)

    async def watch_disconnect() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass

    tasks = [asyncio.create_task(pump()), asyncio.create_task(watch_disconnect())]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await stream.aclose()
    with contextlib.suppress(Exception):  # the client may be gone
        await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _plain(send: Any, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": body})
