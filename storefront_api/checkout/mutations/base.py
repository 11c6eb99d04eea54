"""What every checkout mutation shares: finding the checkout by Saleor's id arguments,
running one domain action on it (`checkout.units.do_with_checkout` locks it and owns the
transaction), and the payload's errors (`errors` and the deprecated `checkoutErrors`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar, NoReturn

import graphene
from django.utils.translation import gettext_lazy as _

from checkout.errors import CheckoutFieldError
from checkout.models import Checkout
from checkout.units import do_with_checkout
from storefront_api.checkout.errors import CheckoutError, checkout_error
from storefront_api.checkout.types import can_see_checkout
from storefront_api.core.errors import FieldError, ValidationErrors
from storefront_api.core.mutation import BaseMutation


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


def visible_to(user: Any) -> Callable[[Checkout | None], Checkout]:
    """The check `checkout.units.do_with_checkout` runs on the locked checkout."""
    return partial(check_visible, user=user)


def check_visible(checkout: Checkout | None, user: Any) -> Checkout:
    """The checkout, or NOT_FOUND (also for someone else's)."""
    if checkout is None or not can_see_checkout(user, checkout):
        not_found()
    return checkout


def reload(token: uuid.UUID) -> Checkout | None:
    return Checkout.objects.select_related("channel", "delivery_method").filter(pk=token).first()


class CheckoutMutation(BaseMutation):
    """The checkout mutations' error type: CheckoutError, in `errors` and `checkoutErrors`."""

    class Meta:
        abstract = True

    error_type = CheckoutError
    error_fields: ClassVar[tuple[str, ...]] = ("errors", "checkout_errors")

    @classmethod
    def error_item(cls, error: FieldError) -> Any:
        return checkout_error(error)

    @classmethod
    def on_checkout(
        cls, info: graphene.ResolveInfo, ids: dict[str, Any], action: Callable[[Checkout], None]
    ) -> Any:
        """Run `action` on the checkout named by `ids` and answer with it, fresh."""
        token = checkout_token(ids.get("id"), ids.get("token"), ids.get("checkout_id"))
        do_with_checkout(token, visible_to(info.context.user), action)
        return cls.success(checkout=reload(token))


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
