"""The header's cart count (a template context processor, registered in settings).

Lazy: nothing is read unless a template shows `cart_count`; then no query when the session
holds no cart, else one aggregate over the cart's lines."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from checkout.models import CheckoutLine
from web.cart.session import session_token


def cart_units(request: HttpRequest) -> int:
    """Units in the session's cart (0 without one)."""
    token = session_token(request)
    if token is None:
        return 0
    total = CheckoutLine.objects.filter(checkout_id=token).aggregate(units=Sum("quantity"))
    return int(total["units"] or 0)


def cart(request: HttpRequest) -> dict[str, Any]:
    return {"cart_count": SimpleLazyObject(lambda: cart_units(request))}
