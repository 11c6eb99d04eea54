"""Saleor's public metadata on orders (and, through `checkout.metadata`, on checkouts): a
storefront's own key/value notes (`updateMetadata`), kept in the row's `metadata` JSON
object and never read by our rules.

The limits are ours (Saleor has none): a row's metadata is read with every order, so it
stays small.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import FieldError, ValidationErrors, fail
from core.input_limits import text_error
from orders.lock_objects import lock_order
from orders.models import Order

MAX_KEYS = 50
MAX_KEY_LENGTH = 256
MAX_VALUE_LENGTH = 2_000


def clean_metadata(items: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The items of `updateMetadata`'s input as a {key: value} object; a later item with the
    same key wins, as in Saleor."""
    cleaned: dict[str, str] = {}
    errors: list[FieldError] = []
    for item in items:
        key, value = str(item.get("key") or "").strip(), str(item.get("value") or "")
        if not key:
            errors.append(FieldError("input", _("Metadata key cannot be empty."), "REQUIRED"))
            continue
        for error in (
            text_error("input", key, MAX_KEY_LENGTH),
            text_error("input", value, MAX_VALUE_LENGTH),
        ):
            if error is not None:
                errors.append(FieldError("input", error.message, "INVALID"))
        cleaned[key] = value
    if errors:
        raise ValidationErrors(errors)
    return cleaned


def merged(current: Any, cleaned: Mapping[str, str]) -> dict[str, str]:
    stored = dict(current) if isinstance(current, dict) else {}
    stored.update(cleaned)
    if len(stored) > MAX_KEYS:
        fail(
            "input",
            _("An object can hold at most %(count)d metadata keys."),
            "INVALID",
            count=MAX_KEYS,
        )
    return stored


def owns_order(user: Any, order: Order) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and order.user_id is not None
        and order.user_id == user.pk
    )


@transaction.atomic(durable=True)
def do_update_order_metadata(pk: UUID, user: Any, cleaned: Mapping[str, str]) -> Order:
    """Add or change the order's metadata keys; only its buyer (signed in) may. Someone
    else's order answers NOT_FOUND, as a missing one does.

    Locks: the order row, FOR NO KEY UPDATE (`lock_order`), so two updates of one order
    both keep their keys.
    """
    order = lock_order(pk)
    if order is None or not owns_order(user, order):
        fail("id", _("Couldn't resolve to a %(what)s."), "NOT_FOUND", what="object")
    order.metadata = merged(order.metadata, cleaned)
    order.save(update_fields=["metadata", "updated_at"])
    return order
