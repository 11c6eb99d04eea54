"""`{% seller_nav "current_name" %}` and `{% officer_nav "current_name" %}`: the menus of
the seller centre and the officer console (web/areas.py)."""

from __future__ import annotations

from typing import Any

from django import template

from web.areas import OFFICER_NAV, SELLER_NAV, nav_links

register = template.Library()


@register.inclusion_tag("web/areas/_nav.html")
def seller_nav(current: str = "") -> dict[str, Any]:
    return {"links": nav_links(SELLER_NAV, current), "area": "seller"}


@register.inclusion_tag("web/areas/_nav.html")
def officer_nav(current: str = "") -> dict[str, Any]:
    return {"links": nav_links(OFFICER_NAV, current), "area": "officer"}
