"""Every GraphQL failure answers JSON with a code and a message fit for a stranger.

A GraphQL error raised on purpose (by a resolver, graphql-core's parser or validation, the
query limits) says what the client did wrong: its message is kept and a code is added when it
has none. Anything else (a database that went away, a bug) answers a generic message; its
text — which may name hosts, ports, socket paths or SQL — goes only to the log, with the
request id that the client gets too (`extensions.requestId` and the X-Request-ID header).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import InterfaceError as DatabaseInterfaceError
from django.db import OperationalError as DatabaseOperationalError
from django.utils.translation import gettext_lazy as _
from graphene_django.views import HttpError
from graphql import GraphQLError, GraphQLSyntaxError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.errors import Message
from storefront_api.core.query_limits import QUERY_TOO_DEEP

logger = logging.getLogger("storefront_api.errors")

# Saleor's code for a plain GraphQLError raised by a resolver (its `type(exc).__name__`).
GRAPHQL_ERROR = "GraphQLError"
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
QUERY_TOO_LARGE = "QUERY_TOO_LARGE"
BAD_REQUEST = "BAD_REQUEST"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
INTERNAL_ERROR = "INTERNAL_ERROR"
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
CSRF_FAILED = "CSRF_FAILED"

INTERNAL_MESSAGE = _("Internal server error.")
UNAVAILABLE_MESSAGE = _("The service is temporarily unavailable, please try again later.")
CSRF_MESSAGE = _(
    "CSRF verification failed: a request authenticated by the session cookie needs the "
    "X-CSRFToken header."
)

# Failures of a service we depend on rather than of our code: "try again later".
UNAVAILABLE = (
    DatabaseOperationalError,
    DatabaseInterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
)


def error_entry(
    message: Message, code: str, request_id: str | None, **extra: Any
) -> dict[str, Any]:
    return {
        "message": str(message),
        **extra,
        "extensions": {"exception": {"code": code}, "requestId": request_id},
    }


def is_unavailable(exc: BaseException) -> bool:
    return isinstance(exc, UNAVAILABLE)


def format_error(error: Exception, request_id: str | None) -> dict[str, Any]:
    """The JSON of one entry of a response's `errors`."""
    if isinstance(error, HttpError):
        # graphene-django's own refusals of the HTTP request (no query, bad JSON…).
        code = METHOD_NOT_ALLOWED if error.response.status_code == 405 else BAD_REQUEST
        return error_entry(error.message, code, request_id)
    original = _original(error)
    if original is not None:
        return _unexpected(original, error, request_id)
    assert isinstance(error, GraphQLError)
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    exception = dict(extensions.get("exception") or {})
    exception.setdefault("code", _code(error))
    extensions["exception"] = exception
    extensions["requestId"] = request_id
    formatted["extensions"] = extensions
    return formatted


def log_unexpected(exc: BaseException, request_id: str | None, where: str) -> None:
    logger.error(
        "GraphQL request %s failed at %s: %s: %s",
        request_id,
        where,
        type(exc).__name__,
        exc,
        exc_info=(type(exc), exc, exc.__traceback__),
    )


def _original(error: Exception) -> BaseException | None:
    """The exception that is not a GraphQL error behind `error`, or None."""
    current: BaseException | None = error
    while isinstance(current, GraphQLError):
        current = current.original_error
    return current


def _unexpected(
    original: BaseException, error: Exception, request_id: str | None
) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if isinstance(error, GraphQLError):
        # Where in the client's own document it failed: no internals there.
        extra = {k: v for k, v in error.formatted.items() if k in ("locations", "path")}
    log_unexpected(original, request_id, repr(extra.get("path", "the request")))
    if is_unavailable(original):
        return error_entry(UNAVAILABLE_MESSAGE, SERVICE_UNAVAILABLE, request_id, **extra)
    return error_entry(INTERNAL_MESSAGE, INTERNAL_ERROR, request_id, **extra)


def _code(error: GraphQLError) -> str:
    if isinstance(error, GraphQLSyntaxError):
        # graphql-core's size limits (tokens, comments, length, nesting) end this way.
        if error.message.endswith("nested too deeply. Parsing aborted."):
            return QUERY_TOO_DEEP
        if error.message.endswith("Parsing aborted."):
            return QUERY_TOO_LARGE
        return GRAPHQL_PARSE_FAILED
    if error.path is None:
        # Before execution: validation, or variables that do not match their types.
        return GRAPHQL_VALIDATION_FAILED
    return GRAPHQL_ERROR
