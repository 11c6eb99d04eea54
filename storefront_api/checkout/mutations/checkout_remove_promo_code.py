from __future__ import annotations

from typing import Any

import graphene

from storefront_api.checkout.mutations import base
from storefront_api.checkout.types import Checkout


class CheckoutRemovePromoCode(base.CheckoutMutation):
    """Removes a promo code; with no vouchers yet there is none to remove."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type(
        "Arguments",
        (),
        {
            **base.id_arguments(),
            "promo_code": graphene.String(),
            "promo_code_id": graphene.ID(),
        },
    )

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, **args: Any) -> Any:
        ids = {k: args.get(k) for k in ("id", "token", "checkout_id")}
        return cls.on_checkout(info, ids, lambda checkout: None)
