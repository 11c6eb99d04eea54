"""Signed links to an order group's page: a guest has no account, so the confirmation e-mail
carries a link whose signature is the only proof of ownership. The signature names the group
(its UUID) and is salted per use, so a link cannot be turned into another group's or reused
for another purpose; it does not expire, because people reopen order e-mails weeks later."""

from __future__ import annotations

from uuid import UUID

from django.core import signing

_SALT = "orders.group-page"


def group_token(group_id: UUID | str) -> str:
    """The opaque, URL-safe token of the order group's page."""
    return signing.dumps(str(group_id), salt=_SALT, compress=False)


def group_id_from_token(token: str) -> UUID | None:
    """The group the token was made for, or None when it is forged, cut or from elsewhere."""
    try:
        value = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    try:
        return UUID(str(value))
    except ValueError:
        return None
