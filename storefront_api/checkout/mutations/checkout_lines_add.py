from __future__ import annotations

from typing import Any

import graphene

from checkout.lines import do_add_lines
from storefront_api.checkout.inputs import CheckoutLineInput
from storefront_api.checkout.mutations import base
from storefront_api.checkout.mutations.lines import add_changes
from storefront_api.checkout.types import Checkout


class CheckoutLinesAdd(base.CheckoutMutation):
    """Adds checkout lines; a variant already in the cart has its quantity increased."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type(
        "Arguments",
        (),
        {
            **base.id_arguments(),
            "lines": graphene.List(graphene.NonNull(CheckoutLineInput), required=True),
        },
    )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, lines: list[dict[str, Any]], **ids: Any
    ) -> Any:
        return cls.on_checkout(
            info, ids, lambda checkout: do_add_lines(checkout, add_changes(lines))
        )
