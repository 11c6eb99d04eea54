"""The /graphql/ endpoint: who is asking, what they may ask, and how failures answer.

- Authentication: `Authorization: Bearer <JWT>` (Saleor's way), or the session cookie of
  the coming server-rendered pages. A cookie is sent by the browser on a foreign page's
  request too, so a session-authenticated request must pass Django's CSRF check (the view
  is `csrf_exempt` only so that token and anonymous requests need no CSRF token).
- Limits: a document beyond the query limits (storefront_api/core/query_limits.py) is
  refused right after parsing, before graphql-core's own validation and before anything runs.
- Failures: every error is JSON with `extensions.exception.code` and the request id; internal
  details only go to the log (storefront_api/core/error_format.py), even when the database
  is down before graphene starts.
- GraphiQL (when `GRAPHIQL_ENABLED`) gets its own Content-Security-Policy: it loads from a CDN.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    validate_schema,
)

from accounts.tokens import TokenError, user_from_access_token
from core.request_id import current_request_id
from storefront_api.core.documents import parse_document, validation_errors
from storefront_api.core.error_format import (
    CSRF_FAILED,
    CSRF_MESSAGE,
    INTERNAL_ERROR,
    INTERNAL_MESSAGE,
    SERVICE_UNAVAILABLE,
    UNAVAILABLE_MESSAGE,
    error_entry,
    format_error,
    is_unavailable,
    log_unexpected,
)
from storefront_api.core.execution import SyncExecutionContext
from storefront_api.core.query_limits import limit_errors
from storefront_api.core.upload import parse_multipart_operations

logger = logging.getLogger(__name__)

# What graphene-django's GraphiQL page loads (graphene/graphiql.html): scripts and styles
# from jsDelivr (with SRI), GraphiQL's Google fonts, an inline <style> and an inline settings
# script (allowed by its hash, computed from the page itself).
GRAPHIQL_CDN = "https://cdn.jsdelivr.net"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)


def graphiql_policy(page: bytes) -> dict[str, list[str]]:
    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in (m.group(1).encode() for m in INLINE_SCRIPT.finditer(page.decode()))
    ]
    return {
        "script-src": [SELF, GRAPHIQL_CDN, *hashes],
        "style-src": [SELF, GRAPHIQL_CDN, "https://fonts.googleapis.com", UNSAFE_INLINE],
        "font-src": [SELF, "data:", "https://fonts.gstatic.com"],
    }


class _CsrfCheck(CsrfViewMiddleware):
    """Django's CSRF check, answering the reason of a failure instead of a 403 page."""

    def _reject(self, request: HttpRequest, reason: str) -> Any:
        return reason


def csrf_failure(request: HttpRequest) -> str | None:
    """Why the request fails Django's CSRF check (origin, token), or None when it passes."""
    check = _CsrfCheck(_unused_view)
    check.process_request(request)
    reason: str | None = check.process_view(request, _unused_view, (), {})  # type: ignore[assignment]
    return reason


def _unused_view(request: HttpRequest) -> HttpResponse:
    """The check needs a view; it only looks at whether the view is csrf_exempt."""
    return HttpResponse()


class StorefrontGraphQLView(GraphQLView):
    execution_context_class = SyncExecutionContext

    def parse_body(self, request: HttpRequest) -> Any:
        # File uploads use the GraphQL multipart request spec, as Saleor does.
        if self.get_content_type(request) == "multipart/form-data":
            return parse_multipart_operations(request)
        return super().parse_body(request)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Read per request, so the setting (and a test's override) always holds.
        self.graphiql = settings.GRAPHIQL_ENABLED
        try:
            refused = self.authenticate(request)
            if refused is not None:
                return refused
            response: HttpResponseBase = super().dispatch(request, *args, **kwargs)
            return response
        except Exception as exc:
            # What escapes graphene-django, e.g. the database gone while loading the user.
            request_id = current_request_id()
            log_unexpected(exc, request_id, "dispatch")
            if is_unavailable(exc):
                entry = error_entry(UNAVAILABLE_MESSAGE, SERVICE_UNAVAILABLE, request_id)
                return JsonResponse({"errors": [entry]}, status=503)
            entry = error_entry(INTERNAL_MESSAGE, INTERNAL_ERROR, request_id)
            return JsonResponse({"errors": [entry]}, status=500)

    def authenticate(self, request: HttpRequest) -> HttpResponse | None:
        """Set `request.user` from a Bearer token; a refusal to answer, or None to go on."""
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            try:
                request.user = user_from_access_token(header[7:].strip())
            except TokenError as exc:
                # As in Saleor: a bad token is an authentication problem, not a field error.
                entry = error_entry(str(exc), exc.code, current_request_id())
                return JsonResponse({"errors": [entry]}, status=401)
            # A foreign page cannot make a browser send this header: no CSRF check needed.
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Authenticated by the session cookie, which a foreign page's form also sends.
            reason = csrf_failure(request)
            if reason is not None:
                logger.warning("CSRF check failed for a session request: %s", reason)
                entry = error_entry(CSRF_MESSAGE, CSRF_FAILED, current_request_id())
                return JsonResponse({"errors": [entry]}, status=403)
        return None

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: Any,
        variables: Any,
        operation_name: Any,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        """graphene-django's steps, with the document parsed once and the limits in between.

        Parse (within the size limits) → the query limits → validation → execute. A parse and
        a validation are kept per document text (storefront_api/core/documents.py); the limits
        run on every request because the variables change the cost. Mutations are not wrapped
        in one transaction here (`ATOMIC_MUTATIONS` is off): each domain `do_*` owns its own.
        """
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        if not isinstance(query, str):
            return ExecutionResult(data=None, errors=[GraphQLError("The query must be a string.")])
        schema = self.schema.graphql_schema
        schema_errors = validate_schema(schema)  # computed once, then kept by graphql-core
        if schema_errors:
            return ExecutionResult(data=None, errors=schema_errors)
        parsed = parse_document(query)
        if parsed.document is None:
            return ExecutionResult(data=None, errors=list(parsed.errors))
        refused = limit_errors(schema, parsed.document, variables)
        if refused:
            return ExecutionResult(data=None, errors=refused)
        operation = get_operation_ast(parsed.document, operation_name)
        if (
            request.method == "GET"
            and operation is not None
            and operation.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"],
                    f"Can only perform a {operation.operation.value} operation"
                    " from a POST request.",
                )
            )
        invalid = validation_errors(schema, query, parsed)
        if invalid:
            return ExecutionResult(data=None, errors=invalid)
        try:
            return execute(  # type: ignore[return-value]  # never awaitable: no async resolvers
                schema,
                parsed.document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
                execution_context_class=self.execution_context_class,
            )
        except Exception as exc:
            # As graphene-django does: format_error turns it into a coded, logged entry.
            return ExecutionResult(errors=[exc])  # type: ignore[list-item]

    def format_error(self, error: Exception) -> dict[str, Any]:
        return format_error(error, current_request_id())

    def render_graphiql(self, request: HttpRequest, **data: Any) -> HttpResponse:
        response: HttpResponse = super().render_graphiql(request, **data)
        response._csp_replace = graphiql_policy(response.content)  # type: ignore[attr-defined]
        return response


graphql_view = csrf_exempt(StorefrontGraphQLView.as_view())
