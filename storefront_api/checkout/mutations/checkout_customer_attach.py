from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLError

from checkout.actions import do_attach_customer
from checkout.errors import CheckoutFieldError
from orders.permissions import is_admin
from storefront_api.checkout.mutations import base
from storefront_api.checkout.types import Checkout
from storefront_api.core.errors import ValidationErrors


class CheckoutCustomerAttach(base.CheckoutMutation):
    """Sets the customer as the owner of the checkout (the signed-in user)."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type(
        "Arguments",
        (),
        {**base.id_arguments(), "customer_id": graphene.ID(description="Staff only.")},
    )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, customer_id: str | None = None, **ids: Any
    ) -> Any:
        user = info.context.user
        if not user.is_authenticated:
            # As in Saleor: this needs an authenticated user (an authentication problem).
            raise GraphQLError("You need to be authenticated to attach a customer.")

        def act(checkout: Any) -> None:
            if checkout.user_id not in (None, user.pk) and not is_admin(user):
                base.not_found()
            if customer_id and not is_admin(user):
                raise ValidationErrors(
                    [CheckoutFieldError("customerId", _("Only staff can do this."), "INVALID")]
                )
            do_attach_customer(checkout, user)

        return cls.on_checkout(info, ids, act)
