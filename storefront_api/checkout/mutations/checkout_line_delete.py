from __future__ import annotations

from typing import Any

import graphene

from checkout.lines import do_delete_lines
from storefront_api.checkout.mutations import base
from storefront_api.checkout.mutations.lines import line_pk
from storefront_api.checkout.types import Checkout


class CheckoutLineDelete(base.CheckoutMutation):
    """Deletes a checkout line (deprecated in Saleor, still used by its storefront)."""

    checkout = graphene.Field(Checkout)
    checkout_errors = base.deprecated_errors_field()
    errors = base.errors_field()

    Arguments = type("Arguments", (), {**base.id_arguments(), "line_id": graphene.ID()})

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, line_id: str | None = None, **ids: Any
    ) -> Any:
        return cls.on_checkout(
            info,
            ids,
            lambda checkout: do_delete_lines(checkout, [line_pk(line_id or "", "lineId")]),
        )
