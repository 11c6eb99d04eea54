"""The storefront addresses an e-mailed link may lead to (reset, confirmation, deletion)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.errors import fail


def check_redirect_url(url: str) -> None:
    """An absolute http(s) address on a host of ALLOWED_CLIENT_HOSTS: the e-mailed link
    carries the token there, so a foreign host would receive it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        fail("redirectUrl", _("Enter a valid URL."), "invalid")
    if parts.hostname not in settings.ALLOWED_CLIENT_HOSTS:
        fail(
            "redirectUrl",
            _("%(host)s is not allowed. Please check `ALLOWED_CLIENT_HOSTS` configuration.")
            % {"host": parts.hostname},
            "invalid",
        )
