from __future__ import annotations

from typing import Any

import graphene

from checkout.lines import do_delete_lines
from storefront_api.checkout.mutations import base
from storefront_api.checkout.mutations.lines import line_pk
from storefront_api.checkout.types import Checkout


class CheckoutLinesDelete(base.CheckoutMutation):
    """Deletes checkout lines."""

    checkout = graphene.Field(Checkout)
    errors = base.errors_field()

    error_fields = ("errors",)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)
        token = graphene.UUID(deprecation_reason="Use `id` instead.")

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, lines_ids: list[str], **ids: Any) -> Any:
        return cls.on_checkout(
            info,
            ids,
            lambda checkout: do_delete_lines(checkout, [line_pk(i, "linesIds") for i in lines_ids]),
        )
