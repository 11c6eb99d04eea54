from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from checkout.errors import CheckoutFieldError
from storefront_api.checkout.mutations import base
from storefront_api.checkout.types import Checkout
from storefront_api.core.errors import ValidationErrors


class CheckoutAddPromoCode(base.CheckoutMutation):
    """Adds a promo code. The marketplace has no vouchers or gift cards yet, so every code is
    refused in `errors` (as Saleor refuses an unknown code)."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type(
        "Arguments", (), {**base.id_arguments(), "promo_code": graphene.String(required=True)}
    )

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, promo_code: str, **ids: Any) -> Any:
        def refuse(checkout: Any) -> None:
            raise ValidationErrors(
                [CheckoutFieldError("promoCode", _("Promo code is invalid."), "INVALID")]
            )

        return cls.on_checkout(info, ids, refuse)
