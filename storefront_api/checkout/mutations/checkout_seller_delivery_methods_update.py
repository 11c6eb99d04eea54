from __future__ import annotations

from typing import Any

import graphene

from checkout.actions import do_set_seller_delivery_methods
from storefront_api.checkout.mutations import base
from storefront_api.checkout.mutations.delivery import shipping_method_pk
from storefront_api.checkout.types import Checkout


class CheckoutSellerDeliveryMethodsUpdate(base.CheckoutMutation):
    """OCOP extension: choose the delivery method of each seller in the cart (one method id
    per seller, from `sellerDeliveries.shippingMethods`). Sellers not named keep their
    current choice."""

    checkout = graphene.Field(Checkout)
    errors = base.errors_field()

    error_fields = ("errors",)

    class Arguments:
        id = graphene.ID(required=True, description="The checkout's ID.")
        delivery_method_ids = graphene.List(
            graphene.NonNull(graphene.ID), required=True, description="ShippingMethod IDs."
        )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, delivery_method_ids: list[str], **ids: Any
    ) -> Any:
        def act(checkout: Any) -> None:
            pks = [shipping_method_pk(i, "deliveryMethodIds") for i in delivery_method_ids]
            do_set_seller_delivery_methods(checkout, pks)

        return cls.on_checkout(info, ids, act)
