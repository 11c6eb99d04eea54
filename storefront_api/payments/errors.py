"""The payment mutations' error types (Saleor's), and the OCOP payout errors."""

from __future__ import annotations

import graphene

from storefront_api.core.errors import error_type


class PaymentGatewayInitializeErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"


PaymentGatewayInitializeError = error_type(
    "PaymentGatewayInitializeError", PaymentGatewayInitializeErrorCode
)


class TransactionInitializeErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    CHECKOUT_COMPLETION_IN_PROGRESS = "checkout_completion_in_progress"


TransactionInitializeError = error_type(
    "TransactionInitializeError", TransactionInitializeErrorCode
)


class TransactionProcessErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    TRANSACTION_ALREADY_PROCESSED = "transaction_already_processed"
    MISSING_PAYMENT_APP_RELATION = "missing_payment_app_relation"
    MISSING_PAYMENT_APP = "missing_payment_app"
    CHECKOUT_COMPLETION_IN_PROGRESS = "checkout_completion_in_progress"


TransactionProcessError = error_type("TransactionProcessError", TransactionProcessErrorCode)


class SellerPayoutErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    REQUIRED = "required"


SellerPayoutError = error_type("SellerPayoutError", SellerPayoutErrorCode)
