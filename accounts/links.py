"""The shape of a link an account e-mail carries to a storefront's page (Saleor's): the
page's address with the parameters added to its query. The tasks that send those e-mails
build it (accounts.tasks), and so does the API for its own answers."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit


def link_with(redirect_url: str, **params: str) -> str:
    """Saleor's link shape: the storefront's page with `params` added to its query."""
    joiner = "&" if urlsplit(redirect_url).query else "?"
    return f"{redirect_url}{joiner}{urlencode(params)}"
