"""The error types of the livestream mutations: one code enum per mutation domain."""

from __future__ import annotations

from storefront_api.core.errors import error_type
from storefront_api.livestream.enums import (
    LiveOfferErrorCode,
    LivestreamErrorCode,
    LivestreamReminderErrorCode,
)

LivestreamError = error_type("LivestreamError", LivestreamErrorCode)
LiveOfferError = error_type("LiveOfferError", LiveOfferErrorCode)
LivestreamReminderError = error_type("LivestreamReminderError", LivestreamReminderErrorCode)
