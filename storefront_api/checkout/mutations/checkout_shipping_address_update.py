from __future__ import annotations

from typing import Any

import graphene

from checkout.actions import do_update_address
from storefront_api.checkout.addresses import AddressInput, address_input_data
from storefront_api.checkout.inputs import CheckoutAddressValidationRules
from storefront_api.checkout.mutations import base
from storefront_api.checkout.types import Checkout


class CheckoutShippingAddressUpdate(base.CheckoutMutation):
    """Update shipping address in the existing checkout (a Vietnamese address)."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type(
        "Arguments",
        (),
        {
            **base.id_arguments(),
            "shipping_address": AddressInput(required=True),
            "save_address": graphene.Boolean(default_value=True),
            "validation_rules": CheckoutAddressValidationRules(),
        },
    )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, shipping_address: dict[str, Any], **ids: Any
    ) -> Any:
        ids.pop("save_address", None)
        ids.pop("validation_rules", None)
        data = address_input_data(shipping_address) or {}
        return cls.on_checkout(
            info,
            ids,
            lambda c: do_update_address(c, data, "SHIPPING"),
        )
