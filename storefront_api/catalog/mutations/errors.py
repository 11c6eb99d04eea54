"""Error types of the catalog mutations: Saleor's ProductError family and OCOP's own."""

from __future__ import annotations

import graphene

from storefront_api.core.errors import error_type


class ProductErrorCode(graphene.Enum):
    """Saleor 3.23's ProductErrorCode, plus PERMISSION_DENIED (OCOP extension: a seller
    acting on another seller's product, or a caller who is not a seller's staff)."""

    ALREADY_EXISTS = "ALREADY_EXISTS"
    ATTRIBUTE_ALREADY_ASSIGNED = "ATTRIBUTE_ALREADY_ASSIGNED"
    ATTRIBUTE_CANNOT_BE_ASSIGNED = "ATTRIBUTE_CANNOT_BE_ASSIGNED"
    ATTRIBUTE_VARIANTS_DISABLED = "ATTRIBUTE_VARIANTS_DISABLED"
    MEDIA_ALREADY_ASSIGNED = "MEDIA_ALREADY_ASSIGNED"
    DUPLICATED_INPUT_ITEM = "DUPLICATED_INPUT_ITEM"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    INVALID_PRICE = "INVALID_PRICE"
    PRODUCT_WITHOUT_CATEGORY = "PRODUCT_WITHOUT_CATEGORY"
    NOT_PRODUCTS_IMAGE = "NOT_PRODUCTS_IMAGE"
    NOT_PRODUCTS_VARIANT = "NOT_PRODUCTS_VARIANT"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    CANNOT_MANAGE_PRODUCT_WITHOUT_VARIANT = "CANNOT_MANAGE_PRODUCT_WITHOUT_VARIANT"
    PRODUCT_NOT_ASSIGNED_TO_CHANNEL = "PRODUCT_NOT_ASSIGNED_TO_CHANNEL"
    UNSUPPORTED_MEDIA_PROVIDER = "UNSUPPORTED_MEDIA_PROVIDER"
    PREORDER_VARIANT_CANNOT_BE_DEACTIVATED = "PREORDER_VARIANT_CANNOT_BE_DEACTIVATED"
    INVALID_FILE_TYPE = "INVALID_FILE_TYPE"
    UNSUPPORTED_MIME_TYPE = "UNSUPPORTED_MIME_TYPE"
    FILE_SIZE_LIMIT_EXCEEDED = "FILE_SIZE_LIMIT_EXCEEDED"
    PERMISSION_DENIED = "PERMISSION_DENIED"


_ids = {
    "attributes": graphene.List(
        graphene.NonNull(graphene.ID), description="List of attributes IDs which causes the error."
    ),
    "values": graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of attribute values IDs which causes the error.",
    ),
}

ProductError = error_type("ProductError", ProductErrorCode, **_ids)
BulkStockError = error_type(
    "BulkStockError",
    ProductErrorCode,
    **_ids,
    index=graphene.Int(description="Index of an input list item that caused the error."),
)
ProductChannelListingError = error_type(
    "ProductChannelListingError",
    ProductErrorCode,
    **_ids,
    channels=graphene.List(
        graphene.NonNull(graphene.ID), description="List of channels IDs which causes the error."
    ),
    variants=graphene.List(
        graphene.NonNull(graphene.ID), description="List of variants IDs which causes the error."
    ),
)


class OcopCertificateErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    UNIQUE = "UNIQUE"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    INVALID_STATUS = "INVALID_STATUS"
    STARS_TOO_LOW = "STARS_TOO_LOW"
    SCORE_MISMATCH = "SCORE_MISMATCH"
    ISSUER_NOT_ALLOWED = "ISSUER_NOT_ALLOWED"
    DECISION_DATE_IN_FUTURE = "DECISION_DATE_IN_FUTURE"
    EXPIRED = "EXPIRED"
    INVALID_FILE_TYPE = "INVALID_FILE_TYPE"
    FILE_SIZE_LIMIT_EXCEEDED = "FILE_SIZE_LIMIT_EXCEEDED"


OcopCertificateError = error_type("OcopCertificateError", OcopCertificateErrorCode)


class FeaturedCollectionErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    UNIQUE = "UNIQUE"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    DUPLICATED_INPUT_ITEM = "DUPLICATED_INPUT_ITEM"


FeaturedCollectionError = error_type("FeaturedCollectionError", FeaturedCollectionErrorCode)
