from __future__ import annotations

from typing import Any

import graphene

from checkout.actions import do_set_delivery_method
from storefront_api.checkout.mutations import base
from storefront_api.checkout.mutations.delivery import shipping_method_pk
from storefront_api.checkout.types import Checkout


class CheckoutDeliveryMethodUpdate(base.CheckoutMutation):
    """Updates the delivery method of the checkout.

    The chosen method applies to its seller; every other seller in the cart uses its method
    of the same service level, else its default one (see `sellerDeliveries` for the result).
    """

    checkout = graphene.Field(Checkout)
    errors = base.errors_field()

    error_fields = ("errors",)

    class Arguments:
        delivery_method_id = graphene.ID(description="Delivery Method ID (`ShippingMethod`).")
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(deprecation_reason="Use `id` instead.")

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, delivery_method_id: str | None = None, **ids: Any
    ) -> Any:
        def act(checkout: Any) -> None:
            pk = (
                shipping_method_pk(delivery_method_id, "deliveryMethodId")
                if delivery_method_id
                else None
            )
            do_set_delivery_method(checkout, pk)

        return cls.on_checkout(info, ids, act)
