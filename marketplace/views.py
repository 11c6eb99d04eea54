from __future__ import annotations

import logging
import uuid

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from marketplace.health import DOWN, OK, overall, run_checks

logger = logging.getLogger("marketplace.health")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """State per dependency for anyone (load balancers, uptime checks); 503 when a
    required one is down.

    The public body names each dependency and its state, never how it failed: details
    (socket paths, hosts, database names, exception text) go to the log under a request
    id that the client also gets, and `ocop doctor` prints them locally.
    """
    # A request-id middleware, where installed, names the request; else one is made here.
    request_id = str(getattr(request, "request_id", "") or uuid.uuid4().hex)
    checks = run_checks()
    status = overall(checks)
    for check in checks:
        if check.status != OK:
            logger.log(
                logging.WARNING if check.status == DOWN else logging.INFO,
                "healthz %s %s: %s%s [request_id=%s]",
                check.name,
                check.status,
                check.detail,
                f" ({check.hint})" if check.hint else "",
                request_id,
            )
    body: dict[str, object] = {
        "status": status,
        "checks": {c.name: c.public_json() for c in checks},
    }
    if status != OK:
        body["requestId"] = request_id
    response = JsonResponse(body, status=503 if status == DOWN else 200)
    response["X-Request-ID"] = request_id
    return response
