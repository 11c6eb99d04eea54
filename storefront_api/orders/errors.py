"""OrderError (Saleor's); the order mutations' base (OrderMutation) fills it from domain errors."""

from __future__ import annotations

import graphene

from storefront_api.checkout.enums import AddressTypeEnum


class OrderErrorCode(graphene.Enum):
    """Saleor's codes, plus PERMISSION_DENIED (OCOP): the order is visible to the caller
    (its buyer, an officer) but only its seller may act on it."""

    BILLING_ADDRESS_NOT_SET = "billing_address_not_set"
    CANNOT_CANCEL_FULFILLMENT = "cannot_cancel_fulfillment"
    CANNOT_CANCEL_ORDER = "cannot_cancel_order"
    CANNOT_DELETE = "cannot_delete"
    CANNOT_DISCOUNT = "cannot_discount"
    CANNOT_REFUND = "cannot_refund"
    CANNOT_FULFILL_UNPAID_ORDER = "cannot_fulfill_unpaid_order"
    CAPTURE_INACTIVE_PAYMENT = "capture_inactive_payment"
    NOT_EDITABLE = "not_editable"
    FULFILL_ORDER_LINE = "fulfill_order_line"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    PRODUCT_NOT_PUBLISHED = "product_not_published"
    PRODUCT_UNAVAILABLE_FOR_PURCHASE = "product_unavailable_for_purchase"
    NOT_FOUND = "not_found"
    ORDER_NO_SHIPPING_ADDRESS = "order_no_shipping_address"
    PAYMENT_ERROR = "payment_error"
    PAYMENT_MISSING = "payment_missing"
    TRANSACTION_ERROR = "transaction_error"
    REQUIRED = "required"
    SHIPPING_METHOD_NOT_APPLICABLE = "shipping_method_not_applicable"
    SHIPPING_METHOD_REQUIRED = "shipping_method_required"
    TAX_ERROR = "tax_error"
    UNIQUE = "unique"
    VOID_INACTIVE_PAYMENT = "void_inactive_payment"
    ZERO_QUANTITY = "zero_quantity"
    INVALID_QUANTITY = "invalid_quantity"
    INSUFFICIENT_STOCK = "insufficient_stock"
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
    NOT_AVAILABLE_IN_CHANNEL = "not_available_in_channel"
    CHANNEL_INACTIVE = "channel_inactive"
    GIFT_CARD_LINE = "gift_card_line"
    INVALID_VOUCHER = "invalid_voucher"
    INVALID_VOUCHER_CODE = "invalid_voucher_code"
    NON_EDITABLE_GIFT_LINE = "non_editable_gift_line"
    NON_REMOVABLE_GIFT_LINE = "non_removable_gift_line"
    MISSING_ADDRESS_DATA = "missing_address_data"
    PERMISSION_DENIED = "permission_denied"


class OrderError(graphene.ObjectType):
    field = graphene.String(
        description=(
            "Name of a field that caused the error. A value of `null` indicates that the "
            "error isn't associated with a particular field."
        )
    )
    message = graphene.String(description="The error message.")
    code = graphene.Field(OrderErrorCode, required=True, description="The error code.")
    warehouse = graphene.ID()
    order_lines = graphene.List(graphene.NonNull(graphene.ID))
    variants = graphene.List(graphene.NonNull(graphene.ID))
    address_type = graphene.Field(AddressTypeEnum)


def errors_field() -> graphene.List:
    return graphene.List(graphene.NonNull(OrderError), required=True)


def deprecated_errors_field() -> graphene.List:
    return graphene.List(
        graphene.NonNull(OrderError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )
