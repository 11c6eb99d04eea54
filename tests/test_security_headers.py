"""HTTP security headers and modes: a Content-Security-Policy the coming htmx pages and
Stripe.js can live with, GraphiQL (with its own policy) and introspection only where turned
on, and HSTS, secure cookies, nosniff and Referrer-Policy in production."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.test import Client

from tests.helpers.production import PRODUCTION, ROOT

STRIPE = ["https://js.stripe.com", "https://*.js.stripe.com"]


def _policy(response: Any) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _gql(client: Client, query: str) -> Any:
    return client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")


def _codes(response: Any) -> list[str]:
    return [e["extensions"]["exception"]["code"] for e in response.json().get("errors", [])]


def test_it_sends_a_content_security_policy_for_server_rendered_pages(db: Any) -> None:
    # given a server-rendered page (the admin's login page)
    response = Client().get("/admin/login/")
    # then its policy allows our own scripts and styles, images from here, data:, blob: and
    # the media bucket, Stripe.js and its frames, and forbids framing, plugins and <base>
    assert response.status_code == 200
    endpoint = urlsplit(django_settings.AWS_S3_ENDPOINT_URL)
    assert _policy(response) == {
        "default-src": ["'self'"],
        "script-src": ["'self'", *STRIPE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", f"{endpoint.scheme}://{endpoint.netloc}"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", "https://api.stripe.com"],
        "frame-src": [*STRIPE, "https://hooks.stripe.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
    # and the other headers every answer carries
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_it_lets_graphiql_load_what_its_page_needs_when_enabled(db: Any, settings: Any) -> None:
    # given GraphiQL enabled (demo mode)
    settings.GRAPHIQL_ENABLED = True
    # when a browser opens /graphql/
    response = Client().get("/graphql/", HTTP_ACCEPT="text/html")
    page = response.content.decode()
    policy = _policy(response)
    # then it is GraphiQL, and its policy allows exactly what the page loads
    assert response.status_code == 200
    assert "graphiql.min.js" in page
    sources = re.findall(r'<script[^>]*\bsrc="([^"]+)"', page)
    assert sources, page
    for source in sources:
        origin = urlsplit(source)
        allowed = f"{origin.scheme}://{origin.netloc}" if origin.netloc else "'self'"
        assert allowed in policy["script-src"], source
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.DOTALL)
    assert inline, page
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["script-src"]
    for sheet in re.findall(r'<link href="([^"]+)"', page):
        origin = urlsplit(sheet)
        assert f"{origin.scheme}://{origin.netloc}" in policy["style-src"], sheet
    # GraphiQL's CSS imports its fonts from Google Fonts
    assert "https://fonts.googleapis.com" in policy["style-src"]
    assert "https://fonts.gstatic.com" in policy["font-src"]
    # and no inline script runs without its hash, and nobody may frame it
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_it_serves_no_graphiql_when_disabled(db: Any, settings: Any) -> None:
    # given GraphiQL disabled (production)
    settings.GRAPHIQL_ENABLED = False
    # when a browser opens /graphql/
    response = Client().get("/graphql/", HTTP_ACCEPT="text/html")
    # then there is no IDE, only the API's JSON refusal of a request without a query
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert _codes(response) == ["BAD_REQUEST"]


def test_it_refuses_introspection_when_disabled_but_keeps_typename(db: Any, settings: Any) -> None:
    # given introspection disabled (production)
    settings.GRAPHQL_INTROSPECTION = False
    client = Client()
    # when the schema is introspected directly, by type, or from inside a fragment
    for query in (
        "{ __schema { queryType { name } } }",
        '{ __type(name: "Product") { fields { name } } }',
        "query { ...Q } fragment Q on Query { __schema { types { name } } }",
    ):
        response = _gql(client, query)
        # then it is refused with a code, before anything runs
        assert response.status_code == 400, query
        assert _codes(response) == ["INTROSPECTION_DISABLED"], query
        assert "data" not in response.json()
    # and __typename, which clients need for unions and caches, still answers
    typename = _gql(client, "{ __typename provinces { __typename code } }")
    assert typename.status_code == 200
    assert typename.json()["data"]["__typename"] == "Query"


# --- Production mode, in a fresh process with production settings -------------------------------

PROBE = r"""
import json
import django
django.setup()
from django.conf import settings
from django.test import Client

client = Client(HTTP_HOST="ocop.example")
api = client.post(
    "/graphql/",
    json.dumps({"query": "{ __typename __schema { queryType { name } } }"}),
    content_type="application/json",
    secure=True,
)
ide = client.get("/graphql/", HTTP_ACCEPT="text/html", secure=True)
plain = Client(HTTP_HOST="ocop.example").post(
    "/graphql/", json.dumps({"query": "{ __typename }"}), content_type="application/json"
)
print(json.dumps({
    "api": {
        "status": api.status_code,
        "body": api.json(),
        "headers": {k: v for k, v in api.items()},
        "csrf_cookie_secure": bool(api.cookies["csrftoken"]["secure"]),
    },
    "ide": {"status": ide.status_code, "type": ide["Content-Type"]},
    "plain_http_hsts": "Strict-Transport-Security" in plain,
    "settings": {
        "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
        "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
        "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
        "GRAPHIQL_ENABLED": settings.GRAPHIQL_ENABLED,
        "GRAPHQL_INTROSPECTION": settings.GRAPHQL_INTROSPECTION,
    },
}))
"""


def _run_production(extra: dict[str, str] | None = None) -> dict[str, Any]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STRIPE_"))}
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL"):
        clean.pop(name, None)
    env = {
        **clean,
        **PRODUCTION,
        **(extra or {}),
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        # The probe never reaches a service: no session, no query touches the database.
        "LOG_LEVEL": "ERROR",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def test_it_hardens_headers_cookies_and_modes_in_production() -> None:
    # given the app in production mode, asked over HTTPS (as behind the TLS proxy)
    answer = _run_production()
    api, headers = answer["api"], answer["api"]["headers"]
    # then HSTS, nosniff, Referrer-Policy, framing and the CSP are sent
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert (
        "img-src 'self' data: blob: https://s3.ap-southeast-1.amazonaws.com"
        in (headers["Content-Security-Policy"])
    )
    # and cookies are Secure (session: also HttpOnly)
    assert answer["settings"]["SESSION_COOKIE_SECURE"] is True
    assert answer["settings"]["CSRF_COOKIE_SECURE"] is True
    assert answer["settings"]["SESSION_COOKIE_HTTPONLY"] is True
    assert api["csrf_cookie_secure"] is True
    # and introspection is refused while __typename is not the problem
    assert answer["settings"]["GRAPHQL_INTROSPECTION"] is False
    assert api["status"] == 400
    assert [e["extensions"]["exception"]["code"] for e in api["body"]["errors"]] == [
        "INTROSPECTION_DISABLED"
    ]
    # and there is no GraphiQL page
    assert answer["settings"]["GRAPHIQL_ENABLED"] is False
    assert answer["ide"] == {"status": 400, "type": "application/json"}
    # and HSTS is never sent over plain HTTP (a docker compose trial on localhost)
    assert answer["plain_http_hsts"] is False


def test_it_turns_graphiql_and_introspection_on_in_production_only_when_asked() -> None:
    # given production with GraphiQL turned on, then with only introspection turned on
    with_ide = _run_production({"GRAPHIQL_ENABLED": "1"})
    with_introspection = _run_production({"GRAPHQL_INTROSPECTION": "true"})
    # then GraphiQL brings introspection (it needs it); introspection alone brings no IDE
    assert with_ide["settings"]["GRAPHIQL_ENABLED"] is True
    assert with_ide["settings"]["GRAPHQL_INTROSPECTION"] is True
    assert with_ide["ide"]["status"] == 200
    assert with_ide["api"]["status"] == 200
    assert with_ide["api"]["body"]["data"]["__schema"] == {"queryType": {"name": "Query"}}
    assert with_introspection["settings"]["GRAPHIQL_ENABLED"] is False
    assert with_introspection["settings"]["GRAPHQL_INTROSPECTION"] is True
    assert with_introspection["ide"]["status"] == 400
    assert with_introspection["api"]["status"] == 200
