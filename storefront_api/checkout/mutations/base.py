"""What every checkout mutation shares: finding the checkout by Saleor's id arguments,
locking it, running one domain action atomically, and the payload's errors."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, NoReturn

import graphene
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from checkout.errors import CheckoutFieldError
from checkout.lock_objects import lock_checkout
from checkout.models import Checkout
from storefront_api.checkout.errors import CheckoutError, checkout_errors
from storefront_api.checkout.types import can_see_checkout
from storefront_api.core.errors import ValidationErrors


def not_found(field: str = "id") -> NoReturn:
    raise ValidationErrors([CheckoutFieldError(field, _("Checkout not found."), "NOT_FOUND")])


def checkout_token(
    id: str | None = None, token: Any = None, checkout_id: str | None = None
) -> uuid.UUID:
    """The token from `id` (a `Checkout:<uuid>` global id), or the deprecated `token` /
    `checkoutId` arguments; raises NOT_FOUND when none is usable."""
    if token:
        try:
            return uuid.UUID(str(token))
        except ValueError:
            not_found("token")
    global_id = id or checkout_id
    if not global_id:
        raise ValidationErrors(
            [CheckoutFieldError("id", _("Checkout id is required."), "REQUIRED")]
        )
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id)
        if kind != "Checkout":
            raise ValueError(kind)
        return uuid.UUID(str(pk))
    except Exception:
        not_found("id" if id else "checkoutId")


def lock_visible(user: Any, token: uuid.UUID) -> Checkout:
    """The checkout row locked for this request, or NOT_FOUND (also for someone else's)."""
    checkout = lock_checkout(token)
    if checkout is None or not can_see_checkout(user, checkout):
        not_found()
    return checkout


def reload(token: uuid.UUID) -> Checkout | None:
    return Checkout.objects.select_related("channel", "delivery_method").filter(pk=token).first()


def run(
    payload: type[graphene.ObjectType],
    info: graphene.ResolveInfo,
    ids: dict[str, Any],
    action: Callable[[Checkout], None],
    *,
    deprecated_errors: bool = True,
) -> Any:
    """Lock, act, and answer with the fresh checkout; a failure writes nothing."""
    try:
        token = checkout_token(ids.get("id"), ids.get("token"), ids.get("checkout_id"))
        with transaction.atomic():
            action(lock_visible(info.context.user, token))
    except ValidationErrors as exc:
        return error_payload(payload, exc, deprecated_errors=deprecated_errors)
    extra: dict[str, Any] = {"checkout_errors": []} if deprecated_errors else {}
    return payload(checkout=reload(token), errors=[], **extra)


def error_payload(
    payload: type[graphene.ObjectType], exc: ValidationErrors, *, deprecated_errors: bool = True
) -> Any:
    errors = checkout_errors(exc)
    extra = {"checkout_errors": errors} if deprecated_errors else {}
    return payload(checkout=None, errors=errors, **extra)


def errors_field() -> graphene.List:
    return graphene.List(graphene.NonNull(CheckoutError), required=True)


def deprecated_errors_field() -> graphene.List:
    return graphene.List(
        graphene.NonNull(CheckoutError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )


def id_arguments() -> dict[str, Any]:
    return {
        "id": graphene.ID(description="The checkout's ID."),
        "token": graphene.UUID(deprecation_reason="Use `id` instead."),
        "checkout_id": graphene.ID(deprecation_reason="Use `id` instead."),
    }
