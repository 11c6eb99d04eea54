"""Signed links to an order group's page: a guest has no account, so the confirmation e-mail
carries a link whose signature is the only proof of ownership. The signature names the group
(its UUID) and is salted per use, so a link cannot be turned into another group's or reused
for another purpose; it does not expire, because people reopen order e-mails weeks later.

The token carries no time, so a group has one link: the confirmation, the e-mail and a
second click on "place order" all lead to the same address. Links made before that (with
`signing.dumps`, which adds a timestamp) still open their group."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.core import signing

_SALT = "orders.group-link"
# The salt of the earlier, timestamped links. A different salt for the new format, because
# a timestamped token is also a valid plain signature of "payload:timestamp" under its salt.
_TIMESTAMPED_SALT = "orders.group-page"

# Where the web storefront serves the pages e-mails link to (`web:order` in
# web/checkout/urls.py, `web:seller_order` in web/seller/orders_urls.py). The domain writes
# the links from these paths rather than reversing the web layer's url names (orders sits
# below web); tests/test_order_links.py holds them equal to what the url names reverse to.
ORDER_PAGE_PATH = "/don-hang/{token}/"
SELLER_ORDER_PATH = "/kenh-nguoi-ban/don-hang/{order_id}/"


def group_token(group_id: UUID | str) -> str:
    """The URL-safe token of the order group's page: its id and a signature."""
    return signing.Signer(salt=_SALT).sign(str(group_id))


def group_id_from_token(token: str) -> UUID | None:
    """The group the token was made for, or None when it is forged, cut or from elsewhere."""
    try:
        value = signing.Signer(salt=_SALT).unsign(token)
    except signing.BadSignature:
        try:  # a link e-mailed in the timestamped format
            value = signing.loads(token, salt=_TIMESTAMPED_SALT)
        except signing.BadSignature:
            return None
    try:
        return UUID(str(value))
    except ValueError:
        return None


def order_page_url(group_id: UUID | str) -> str:
    """The signed, absolute link to the group's order page: a guest's only way back to their
    order. No request here (Celery sends the e-mails), so the host is
    `settings.OCOP_PUBLIC_URL`."""
    path = ORDER_PAGE_PATH.format(token=group_token(group_id))
    return f"{settings.OCOP_PUBLIC_URL}{path}"


def seller_order_url(order_id: UUID | str) -> str:
    """The absolute link to the order in the seller centre (it asks the seller to sign in;
    only the stall's members see the order, so the link needs no signature)."""
    return f"{settings.OCOP_PUBLIC_URL}{SELLER_ORDER_PATH.format(order_id=order_id)}"
