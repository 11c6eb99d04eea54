from __future__ import annotations

from typing import Any, ClassVar

import graphene

from checkout.complete_checkout import complete_checkout
from checkout.models import Checkout
from checkout.visibility import can_see_checkout
from orders.models import OrderGroup
from storefront_api.checkout.mutations import base


class CheckoutComplete(base.CheckoutMutation):
    """Completes the checkout: one order per seller, all in one order group.

    With cash on delivery (no transaction, or a `ocop.cod` one) this alone places the
    orders, unpaid (as Saleor does in a channel that allows unpaid orders). With a card,
    call `transactionInitialize` first; the orders wait for Stripe's confirmation. The
    returned `order` is the first seller's; `order.orderGroup.orders` has them all.
    Completing again returns the same order.
    """

    order = graphene.Field("storefront_api.orders.types.Order")
    confirmation_needed = graphene.Boolean(required=True)
    confirmation_data = graphene.JSONString()
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    failure_values: ClassVar[dict[str, Any]] = {"confirmation_needed": False}

    Arguments = type(
        "Arguments",
        (),
        {
            **base.id_arguments(),
            "payment_data": graphene.JSONString(),
            "redirect_url": graphene.String(),
            "store_source": graphene.Boolean(default_value=False),
        },
    )

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, **args: Any) -> Any:
        user = info.context.user
        token = base.checkout_token(args.get("id"), args.get("token"), args.get("checkout_id"))
        group = OrderGroup.objects.filter(checkout_token=token).first()
        if group is None:
            checkout = Checkout.objects.filter(pk=token).first()
            if checkout is None or not can_see_checkout(user, checkout):
                base.not_found()
        elif group.user_id is not None and group.user_id != getattr(user, "pk", None):
            base.not_found()
        completion = complete_checkout(token, user if user.is_authenticated else None)
        return cls.success(
            order=completion.first_order, confirmation_needed=False, confirmation_data=None
        )
