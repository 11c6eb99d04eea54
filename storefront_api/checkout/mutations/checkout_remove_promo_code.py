from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from checkout.errors import CheckoutFieldError
from checkout.promo_codes import remove_promo_code
from storefront_api.checkout.mutations import base
from storefront_api.checkout.types import Checkout
from storefront_api.core.errors import ValidationErrors


def gift_card_pk(promo_code_id: str) -> int:
    """The gift card a `promoCodeId` names (a `GiftCard` global id), else INVALID."""
    try:
        kind, pk = graphene.Node.resolve_global_id(None, promo_code_id)
        if kind != "GiftCard":
            raise ValueError(kind)
        return int(pk)
    except Exception:
        raise ValidationErrors(
            [CheckoutFieldError("promo_code_id", _("Promo code is invalid."), "INVALID")]
        ) from None


class CheckoutRemovePromoCode(base.CheckoutMutation):
    """Removes a voucher or gift card code (by `promoCode`, or a gift card by `promoCodeId`);
    one the checkout does not carry changes nothing."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type(
        "Arguments",
        (),
        {
            **base.id_arguments(),
            "promo_code": graphene.String(description="Gift card code or voucher code."),
            "promo_code_id": graphene.ID(description="Gift card ID."),
        },
    )

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, **args: Any) -> Any:
        ids = {k: args.get(k) for k in ("id", "token", "checkout_id")}
        code, promo_code_id = args.get("promo_code"), args.get("promo_code_id")
        if not code and not promo_code_id:
            raise ValidationErrors(
                [
                    CheckoutFieldError(
                        "promo_code", _("Give a promo code or its id."), "GRAPHQL_ERROR"
                    )
                ]
            )
        card_pk = gift_card_pk(promo_code_id) if promo_code_id else None
        return cls.on_checkout(
            info, ids, lambda checkout: remove_promo_code(checkout, code, card_pk)
        )
