"""The visitor's cart: a domain checkout whose token the session keeps (the cart pages
write it; this reads it)."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest

from checkout.models import Checkout

SESSION_KEY = "checkout_token"
# checkout token → order group id of the carts this session completed: a repeated
# "place order" (double click, back and resubmit) finds its orders instead of an error.
COMPLETED_KEY = "completed_checkouts"


def parse_token(value: object) -> UUID | None:
    try:
        return UUID(str(value))
    except (TypeError, ValueError):
        return None


def session_token(request: HttpRequest) -> UUID | None:
    return parse_token(request.session.get(SESSION_KEY))


def session_checkout(request: HttpRequest) -> Checkout | None:
    """The session's checkout if it still exists and the visitor may see it."""
    token = session_token(request)
    if token is None:
        return None
    return (
        Checkout.objects.visible_to(request.user)
        .select_related("channel", "delivery_method", "shipping_address", "user")
        .filter(pk=token)
        .first()
    )


def remember_completed(request: HttpRequest, token: UUID, group_id: UUID) -> None:
    done = dict(request.session.get(COMPLETED_KEY) or {})
    done[str(token)] = str(group_id)
    # Only the last few: the session is not an order history.
    request.session[COMPLETED_KEY] = dict(list(done.items())[-5:])
    if str(request.session.get(SESSION_KEY)) == str(token):
        del request.session[SESSION_KEY]


def completed_group_id(request: HttpRequest, token: object) -> str | None:
    return (request.session.get(COMPLETED_KEY) or {}).get(str(token))
