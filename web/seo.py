"""What search engines and link previews read on the storefront's pages: JSON-LD blocks
(safe inside a script element) and breadcrumbs with their schema.org BreadcrumbList."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# What json_script escapes: no "</script>" nor "<!--" can end or bend the JSON-LD block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict[str, Any]) -> SafeString:
    """A JSON-LD document, safe inside `<script type="application/ld+json">`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # escaped above: no </script>


def breadcrumbs(request: HttpRequest, crumbs: list[tuple[str, str]]) -> dict[str, Any]:
    """The visible trail and its BreadcrumbList; `crumbs` are (name, path), the last the page
    itself (shown without a link)."""
    trail = [(str(_("Home")), reverse("web:home")), *crumbs]
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }
    return {
        "breadcrumbs": [{"name": name, "url": path} for name, path in trail],
        "breadcrumb_json_ld": json_ld(data),
    }
