"""One id per request: in the `X-Request-ID` response header, on every log line the request
writes, and in GraphQL errors (`extensions.requestId`).

An error answer says only a code and a generic message; the details (exception text, hosts,
socket paths) go to the log. The id is how a user's report finds those lines.

The id is always generated here: an id a client sends is not trusted, so nobody can make
their requests' log lines pass for someone else's.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

HEADER = "X-Request-ID"

_current: ContextVar[str | None] = ContextVar("ocop_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being handled by this thread/task, if any."""
    return _current.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        # Kept until the response is closed (see _forget), so that Django's own
        # "Internal Server Error: …" line, written after the middleware returns, has it too.
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="ocop_request_id_forget")
def _forget(**_kwargs: Any) -> None:
    """A worker thread's next log lines, until its next request, belong to no request."""
    _current.set(None)


class RequestIdLogFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request) for the log format."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get() or "-"
        return True
