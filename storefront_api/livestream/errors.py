"""The error types of the livestream mutations: one code enum per mutation domain."""

from __future__ import annotations

from storefront_api.core.errors import error_type
from storefront_api.livestream.enums import (
    LiveOfferErrorCode,
    LivestreamErrorCode,
    LivestreamReminderErrorCode,
)

# The livestream domain names fields in snake_case; the API in camelCase, with these two
# named after the input arguments.
LIVESTREAM_FIELD_NAMES = {"seller_ids": "sellers", "programme_province_id": "programmeProvince"}

LivestreamError = error_type(
    "LivestreamError", LivestreamErrorCode, field_names=LIVESTREAM_FIELD_NAMES
)
LiveOfferError = error_type(
    "LiveOfferError", LiveOfferErrorCode, field_names=LIVESTREAM_FIELD_NAMES
)
LivestreamReminderError = error_type(
    "LivestreamReminderError", LivestreamReminderErrorCode, field_names=LIVESTREAM_FIELD_NAMES
)
