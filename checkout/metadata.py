"""Public metadata on a checkout (`updateMetadata`): the rules are the orders' ones
(`orders.metadata`); whoever may see the cart may annotate it, as in Saleor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.utils.translation import gettext_lazy as _

from checkout.models import Checkout
from checkout.units import do_with_checkout
from checkout.visibility import can_see_checkout
from core.errors import fail
from orders.metadata import merged


def do_update_checkout_metadata(token: UUID, user: Any, cleaned: Mapping[str, str]) -> Checkout:
    """Add or change the checkout's metadata keys (NOT_FOUND for a cart the caller may not
    see, or one already completed).

    Locks: the checkout row, FOR NO KEY UPDATE, through `checkout.units.do_with_checkout`.
    """

    def authorize(checkout: Checkout | None) -> Checkout:
        if checkout is None or not can_see_checkout(user, checkout):
            fail("id", _("Couldn't resolve to a %(what)s."), "NOT_FOUND", what="object")
        return checkout

    def act(checkout: Checkout) -> Checkout:
        checkout.metadata = merged(checkout.metadata, cleaned)
        checkout.save(update_fields=["metadata", "updated_at"])
        return checkout

    return do_with_checkout(token, authorize, act)
