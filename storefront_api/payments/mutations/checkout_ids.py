"""The checkout a payment mutation is about (only Checkout ids are accepted)."""

from __future__ import annotations

import uuid
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from checkout.models import Checkout
from storefront_api.checkout.types import can_see_checkout
from storefront_api.core.errors import fail


def visible_checkout(user: Any, global_id: str) -> Checkout:
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id)
        if kind != "Checkout":
            raise ValueError(kind)
        token = uuid.UUID(str(pk))
    except Exception:
        fail("id", pgettext_lazy("not a checkout", "Checkout not found."), "NOT_FOUND")
    checkout = Checkout.objects.filter(pk=token).first()
    if checkout is None or not can_see_checkout(user, checkout):
        fail("id", _("Checkout not found."), "NOT_FOUND")
    return checkout
