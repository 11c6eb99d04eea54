"""`{% seller_nav "current_name" %}` and `{% officer_nav "current_name" %}`: the menus of
the seller centre and the officer console (web/areas.py). The officer's menu carries the
number of items waiting in its queues (`web.officer.counts`), for the province the page was
scoped to by `officer_area`; the seller's, the stall's new orders waiting to be confirmed."""

from __future__ import annotations

from typing import Any

from django import template

from web.areas import (
    HOST_NAV,
    OFFICER_NAV,
    SELLER_NAV,
    nav_links,
    officer_province_of,
    seller_of,
)
from web.officer.counts import waiting_counts
from web.seller.orders import new_order_count

register = template.Library()


@register.inclusion_tag("web/areas/_nav.html", takes_context=True)
def seller_nav(context: template.Context, current: str = "") -> dict[str, Any]:
    seller = seller_of(context.get("request"))
    # Only a non-zero count is shown: "0 new orders" on every page would be noise.
    waiting = new_order_count(seller) if seller is not None else 0
    counts = {"seller_orders": waiting} if waiting else None
    return {"links": nav_links(SELLER_NAV, current, counts), "area": "seller"}


@register.inclusion_tag("web/areas/_nav.html", takes_context=True)
def officer_nav(context: template.Context, current: str = "") -> dict[str, Any]:
    inside, province_id = officer_province_of(context.get("request"))
    counts = waiting_counts(province_id) if inside else None
    return {"links": nav_links(OFFICER_NAV, current, counts), "area": "officer"}


@register.inclusion_tag("web/areas/_nav.html")
def host_nav(current: str = "") -> dict[str, Any]:
    return {"links": nav_links(HOST_NAV, current), "area": "host"}
