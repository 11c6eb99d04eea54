"""CheckoutError, and turning domain validation errors into it."""

from __future__ import annotations

import graphene

from checkout.errors import CheckoutFieldError
from storefront_api.checkout.enums import AddressTypeEnum, CheckoutErrorCode
from storefront_api.core.errors import FieldError, api_field


class CheckoutError(graphene.ObjectType):
    field = graphene.String(
        description=(
            "Name of a field that caused the error. A value of `null` indicates that the "
            "error isn't associated with a particular field."
        )
    )
    message = graphene.String(description="The error message.")
    code = graphene.Field(CheckoutErrorCode, required=True, description="The error code.")
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="List of varint IDs which causes the error."
    )
    lines = graphene.List(
        graphene.NonNull(graphene.ID), description="List of line Ids which cause the error."
    )
    address_type = graphene.Field(
        AddressTypeEnum, description="A type of address that causes the error."
    )


def checkout_error(error: FieldError) -> CheckoutError:
    extra = error if isinstance(error, CheckoutFieldError) else None
    return CheckoutError(
        field=api_field(error.field),
        message=error.message,
        code=error.code,
        variants=[graphene.Node.to_global_id("ProductVariant", pk) for pk in extra.variant_pks]
        if extra and extra.variant_pks
        else None,
        lines=[graphene.Node.to_global_id("CheckoutLine", pk) for pk in extra.line_pks]
        if extra and extra.line_pks
        else None,
        address_type=extra.address_type if extra and extra.address_type else None,
    )
