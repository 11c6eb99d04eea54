from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLError

from checkout.actions import do_detach_customer
from storefront_api.checkout.mutations import base
from storefront_api.checkout.types import Checkout


class CheckoutCustomerDetach(base.CheckoutMutation):
    """Removes the signed-in customer as the owner of the checkout."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type("Arguments", (), base.id_arguments())

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, **ids: Any) -> Any:
        if not info.context.user.is_authenticated:
            raise GraphQLError("You need to be authenticated to detach a customer.")
        return cls.on_checkout(info, ids, do_detach_customer)
