"""Which cart is the visitor's: its token lives in the session under `SESSION_KEY` (the
string of the checkout's UUID), a contract shared with the checkout page.

A signed-in visitor's cart is attached to their account (`checkout.actions.do_attach_customer`)
at its next change; signing in keeps the anonymous cart of the session (Django keeps the
session's data on sign-in), and a visitor signing in without one gets their latest cart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils.translation import get_language

from accounts.models import User
from checkout.actions import do_attach_customer, do_create_checkout
from checkout.lines import LineChange, do_add_lines
from checkout.models import Checkout
from checkout.units import do_with_checkout
from checkout.visibility import can_see_checkout, signed_in
from web.channel import storefront_channel

SESSION_KEY = "checkout_token"


def session_token(request: HttpRequest) -> UUID | None:
    """The session's cart token, or None (none stored, or not a UUID)."""
    session = getattr(request, "session", None)
    raw = session.get(SESSION_KEY) if session is not None else None
    if not raw:
        return None
    try:
        return UUID(str(raw))
    except ValueError:
        return None


def _customer(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if signed_in(user) else None  # type: ignore[return-value]


def current_checkout(request: HttpRequest) -> Checkout | None:
    """The visitor's cart: the session's, else (signed in) their latest; None when neither.

    A token whose cart is gone (completed) or is someone else's is forgotten."""
    token = session_token(request)
    checkout = None
    if token is not None:
        checkout = (
            Checkout.objects.select_related("channel", "delivery_method").filter(pk=token).first()
        )
        if checkout is not None and not can_see_checkout(request.user, checkout):
            checkout = None
        if checkout is None:
            request.session.pop(SESSION_KEY, None)
    customer = _customer(request)
    if checkout is None and customer is not None:
        checkout = latest_checkout_of(customer)
        if checkout is not None:
            request.session[SESSION_KEY] = str(checkout.pk)
    return checkout


def latest_checkout_of(user: User) -> Checkout | None:
    return (
        Checkout.objects.select_related("channel", "delivery_method")
        .filter(user=user, channel__is_active=True)
        .order_by("-updated_at", "pk")
        .first()
    )


def authorize(user: Any) -> Callable[[Checkout | None], Checkout]:
    """The check `checkout.units.do_with_checkout` runs on the locked cart: it still exists
    and `user` may see it, else 404 (and the unit of work writes nothing)."""

    def check(checkout: Checkout | None) -> Checkout:
        if checkout is None or not can_see_checkout(user, checkout):
            raise Http404("no such cart")
        return checkout

    return check


def change_cart(request: HttpRequest, checkout: Checkout, act: Callable[[Checkout], Any]) -> Any:
    """Run `act` on the locked cart in one unit of work, attaching it first to the signed-in
    visitor when it is still anonymous. Any error rolls the whole change back."""
    customer = _customer(request)

    def attach_and_act(locked: Checkout) -> Any:
        if customer is not None and locked.user_id is None:
            do_attach_customer(locked, customer)
        return act(locked)

    return do_with_checkout(checkout.pk, authorize(request.user), attach_and_act)


def checkout_for_update(request: HttpRequest) -> Checkout:
    """The visitor's cart, attached to them when signed in; a new empty one in the
    storefront's channel (remembered in the session) when they have none."""
    checkout = current_checkout(request)
    if checkout is None:
        checkout = _create(request, [])
    elif _customer(request) is not None and checkout.user_id is None:
        change_cart(request, checkout, lambda locked: None)
        checkout.refresh_from_db(fields=["user", "email"])
    return checkout


def add_to_cart(request: HttpRequest, changes: Sequence[LineChange]) -> Checkout:
    """Add `changes` to the visitor's cart, creating it with them when there is none.
    Raises the domain's ValidationErrors; nothing is written then (not even a new cart)."""
    checkout = current_checkout(request)
    if checkout is None:
        return _create(request, changes)
    change_cart(request, checkout, lambda locked: do_add_lines(locked, changes))
    return checkout


def _create(request: HttpRequest, changes: Sequence[LineChange]) -> Checkout:
    checkout = do_create_checkout(
        storefront_channel(),
        _customer(request),
        lines=changes,
        language_code=get_language() or "vi",
    )
    request.session[SESSION_KEY] = str(checkout.pk)
    return checkout


def remember_cart_on_sign_in(
    sender: Any, request: HttpRequest | None, user: User, **_: Any
) -> None:
    """`user_logged_in`: the session keeps its anonymous cart (attached at its next change);
    a session without one takes the user's latest cart, so the header counts it at once."""
    if request is None or getattr(request, "session", None) is None:
        return
    if session_token(request) is None:
        latest = latest_checkout_of(user)
        if latest is not None:
            request.session[SESSION_KEY] = str(latest.pk)
