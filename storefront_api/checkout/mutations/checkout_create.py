from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLError

from checkout.actions import do_create_checkout
from checkout.errors import CheckoutFieldError
from storefront_api.checkout.addresses import address_input_data
from storefront_api.checkout.inputs import CheckoutCreateInput
from storefront_api.checkout.mutations.base import (
    CheckoutMutation,
    deprecated_errors_field,
    errors_field,
    reload,
)
from storefront_api.checkout.mutations.lines import add_changes
from storefront_api.checkout.types import Checkout
from storefront_api.core.channel import resolve_channel
from storefront_api.core.errors import ValidationErrors


class CheckoutCreate(CheckoutMutation):
    """Create a new checkout (a cart that may hold products of many sellers)."""

    created = graphene.Boolean(deprecation_reason="Always returns `true`.")
    checkout_errors = deprecated_errors_field()
    errors = errors_field()
    checkout = graphene.Field(Checkout)

    class Arguments:
        input = CheckoutCreateInput(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, input: dict[str, Any]) -> CheckoutCreate:
        user = info.context.user if info.context.user.is_authenticated else None
        try:
            channel = resolve_channel(input.get("channel"))
        except GraphQLError as exc:
            raise ValidationErrors([CheckoutFieldError("channel", str(exc), "NOT_FOUND")]) from None
        checkout = do_create_checkout(
            channel,
            user,
            lines=add_changes(input.get("lines") or []),
            email=input.get("email"),
            shipping_address=address_input_data(input.get("shipping_address")),
            billing_address=address_input_data(input.get("billing_address")),
            language_code=str(input.get("language_code") or "vi"),
        )
        return cls.success(created=True, checkout=reload(checkout.token))
