from __future__ import annotations

from typing import Any

import graphene

from checkout.lines import do_set_lines
from storefront_api.checkout.inputs import CheckoutLineUpdateInput
from storefront_api.checkout.mutations import base
from storefront_api.checkout.mutations.lines import update_changes
from storefront_api.checkout.types import Checkout


class CheckoutLinesUpdate(base.CheckoutMutation):
    """Sets line quantities; a quantity of 0 removes the line."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type(
        "Arguments",
        (),
        {
            **base.id_arguments(),
            "lines": graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True),
        },
    )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, lines: list[dict[str, Any]], **ids: Any
    ) -> Any:
        return cls.on_checkout(
            info,
            ids,
            lambda checkout: do_set_lines(checkout, update_changes(checkout, lines)),
        )
