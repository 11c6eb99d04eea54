"""The error type of the seller mutations (OCOP extension)."""

from __future__ import annotations

import graphene

from storefront_api.core.errors import error_type


class SellerErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    UNIQUE = "UNIQUE"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    INVALID_STATUS = "INVALID_STATUS"
    INVALID_FILE_TYPE = "INVALID_FILE_TYPE"
    FILE_SIZE_LIMIT_EXCEEDED = "FILE_SIZE_LIMIT_EXCEEDED"


# The seller domain names fields as the model does; the API as Saleor-style camelCase,
# the stall's name being `name`.
SELLER_FIELD_NAMES = {"stall_name": "name"}

SellerError = error_type("SellerError", SellerErrorCode, field_names=SELLER_FIELD_NAMES)
