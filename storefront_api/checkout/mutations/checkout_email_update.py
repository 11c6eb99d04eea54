from __future__ import annotations

from typing import Any

import graphene

from checkout.actions import do_update_email
from storefront_api.checkout.mutations import base
from storefront_api.checkout.types import Checkout


class CheckoutEmailUpdate(base.CheckoutMutation):
    """Updates email address in the existing checkout object."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type(
        "Arguments", (), {**base.id_arguments(), "email": graphene.String(required=True)}
    )

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, email: str, **ids: Any) -> Any:
        return cls.on_checkout(info, ids, lambda c: do_update_email(c, email))
