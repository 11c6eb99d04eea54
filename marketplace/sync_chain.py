"""Django's ASGI handler with its middleware chain run as under WSGI: in one thread hop.

Django's ASGIHandler loads the chain in async mode. Its own middlewares then run each hook
through `sync_to_async`, and a sync-only middleware (WhiteNoise, ours) or a sync view adds a
hop each way: about a dozen thread switches per request, where every view of ours is sync
(the one async view, the live event stream, is answered by `web.live.events_views.sse_app`
before Django under ASGI). Here the chain is loaded in sync mode, as a WSGI server runs it,
and the whole of it runs in one `sync_to_async` call. Thread-sensitive, as Django runs sync
views under ASGI: one thread per process for every request's sync code, so a request's
database connection and thread-locals behave as they did.
"""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.http import HttpRequest, HttpResponseBase


class SyncChainASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)
