from __future__ import annotations

from typing import Any, ClassVar

import graphene
from django.utils.translation import gettext_lazy as _

from storefront_api.checkout.mutations.base import checkout_token
from storefront_api.checkout.mutations.delivery import delivery_id
from storefront_api.checkout.types import Checkout as CheckoutType
from storefront_api.checkout.types import Delivery, checkout_info
from storefront_api.core.errors import ValidationErrors
from storefront_api.core.mutation import BaseMutation


class DeliveryOptionsCalculateErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "graphql_error"
    NOT_FOUND = "not_found"
    INVALID = "invalid"


class DeliveryOptionsCalculateError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(DeliveryOptionsCalculateErrorCode, required=True)


class DeliveryOptionsCalculate(BaseMutation):
    """Every delivery method of every seller in the cart, priced for it."""

    deliveries = graphene.List(graphene.NonNull(Delivery), required=True)
    errors = graphene.List(graphene.NonNull(DeliveryOptionsCalculateError), required=True)

    error_type = DeliveryOptionsCalculateError
    failure_values: ClassVar[dict[str, Any]] = {"deliveries": []}

    class Arguments:
        id = graphene.ID(required=True, description="The checkout's ID.")

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str) -> Any:
        try:
            token = checkout_token(id)
        except ValidationErrors:
            token = None
        checkout = CheckoutType.get_node(info, str(token)) if token else None
        if checkout is None:
            return cls(
                deliveries=[],
                errors=[
                    DeliveryOptionsCalculateError(
                        field="id",
                        message=_("Checkout not found."),
                        code="NOT_FOUND",
                    )
                ],
            )
        deliveries = [
            Delivery(
                id=delivery_id(option.method.pk),
                shipping_method=option,
            )
            for option in checkout_info(checkout).shipping_options()
        ]
        return cls.success(deliveries=deliveries)
