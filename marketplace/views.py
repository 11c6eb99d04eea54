from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from marketplace.health import DOWN, overall, run_checks


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    status = overall(checks)
    body = {"status": status, "checks": {c.name: c.as_json() for c in checks}}
    return JsonResponse(body, status=503 if status == DOWN else 200)
