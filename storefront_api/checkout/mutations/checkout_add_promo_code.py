from __future__ import annotations

from functools import partial
from typing import Any

import graphene

from checkout.promo_codes import add_promo_code
from storefront_api.checkout.mutations import base
from storefront_api.checkout.types import Checkout


class CheckoutAddPromoCode(base.CheckoutMutation):
    """Adds a voucher or gift card code to the checkout (`checkout.promo_codes`): INVALID
    for an unknown code, VOUCHER_NOT_APPLICABLE / GIFT_CARD_NOT_APPLICABLE with the reason."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type(
        "Arguments",
        (),
        {
            **base.id_arguments(),
            "promo_code": graphene.String(
                required=True, description="Gift card code or voucher code."
            ),
        },
    )

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, promo_code: str, **ids: Any) -> Any:
        return cls.on_checkout(info, ids, partial(_add, code=promo_code))


def _add(checkout: Any, code: str) -> None:
    add_promo_code(checkout, code)
