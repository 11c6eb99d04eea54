from __future__ import annotations

from typing import Any

import graphene

from checkout.lines import do_delete_lines
from storefront_api.checkout.mutations import base
from storefront_api.checkout.mutations.lines import line_pk
from storefront_api.checkout.types import Checkout


class CheckoutLinesDelete(graphene.Mutation):
    """Deletes checkout lines."""

    checkout = graphene.Field(Checkout)
    errors = base.errors_field()

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)
        token = graphene.UUID(deprecation_reason="Use `id` instead.")

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, lines_ids: list[str], **ids: Any) -> Any:
        return base.run(
            CheckoutLinesDelete,
            info,
            ids,
            lambda checkout: do_delete_lines(checkout, [line_pk(i, "linesIds") for i in lines_ids]),
            deprecated_errors=False,
        )
