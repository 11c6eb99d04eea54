"""The ASGI entry point (`ocop serve` runs it under gunicorn's uvicorn workers).

Live event streams (`/live/<slug>/su-kien/`) go straight to `web.live.events_views.sse_app`,
which holds no thread and no database connection while a viewer idles; everything else is
Django's ASGI handler (WhiteNoise's static files, /healthz, media in demo mode, the pages).
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
# Django runs each request's sync code in a new thread under ASGI, so a persistent
# connection (one per thread) was opened for every request: pool them (settings.py).
os.environ.setdefault("DATABASE_POOL", "10")
django.setup(set_prefix=False)  # what django.core.asgi.get_asgi_application does

from marketplace.sync_chain import SyncChainASGIHandler  # noqa: E402 - after setup
from marketplace.warm import warm_and_freeze  # noqa: E402 - after setup
from web.live.events_views import is_event_stream_path, sse_app  # noqa: E402 - after setup

django_application = SyncChainASGIHandler()
warm_and_freeze()


async def application(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] == "http" and is_event_stream_path(scope["path"]):
        await sse_app(scope, receive, send)
    else:
        await django_application(scope, receive, send)
