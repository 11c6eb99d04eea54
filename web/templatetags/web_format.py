"""Template filters and tags of the storefront: prices through the project's one VND
formatter, star marks, and the page's language alternates."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.http import HttpRequest

from core.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """120000 → "120.000 ₫" (core.money.format_vnd)."""
    return "" if amount is None else format_vnd(int(amount))


@register.filter
def star_marks(stars: int | None) -> str:
    return "★" * int(stars or 0)


@register.simple_tag
def language_alternates(request: HttpRequest) -> list[dict[str, str]]:
    """`hreflang` links: the page in each language (`?hl=`), Vietnamese the default."""
    data = request.GET.copy()
    data.pop("hl", None)
    links = []
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            query = data.urlencode()
        else:
            data["hl"] = code
            query = data.urlencode()
            data.pop("hl")
        url = request.build_absolute_uri(request.path + (f"?{query}" if query else ""))
        links.append({"code": code, "url": url})
    default = request.build_absolute_uri(request.path + (f"?{data.urlencode()}" if data else ""))
    links.append({"code": "x-default", "url": default})
    return links
