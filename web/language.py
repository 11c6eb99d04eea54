"""`?hl=en` picks the page's language for that request, so each language of a page has an
address of its own (what `hreflang` links point at); the visitor's lasting choice stays with
Django's `set_language` cookie."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class QueryLanguageMiddleware:
    """After LocaleMiddleware: a known `hl` overrides the cookie/Accept-Language choice."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wanted = request.GET.get("hl", "")
        if wanted in self.languages:
            translation.activate(wanted)
            request.LANGUAGE_CODE = wanted
        return self.get_response(request)
