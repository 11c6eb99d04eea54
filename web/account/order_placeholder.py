"""A stand-in for the order page (url name `web:order`), which another part of the
storefront builds; here only so "my orders" can link to it. Delete at merge."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def order(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(f"order page placeholder: {token}", content_type="text/plain")
