"""Saleor-style mutation errors: `errors { field message code }` with a per-domain enum."""

from __future__ import annotations

from enum import Enum
from typing import Any

import graphene

from core.errors import FieldError, Message, ValidationErrors, fail

__all__ = ["FieldError", "Message", "ValidationErrors", "error_type", "fail"]


def error_type(name: str, code_enum: type[Enum] | Any, **extra: Any) -> type[graphene.ObjectType]:
    """Build `XError { field message code }` for one mutation domain."""
    attrs: dict[str, Any] = {
        "field": graphene.String(
            description=(
                "Name of a field that caused the error. A value of `null` indicates that the "
                "error isn't associated with a particular field."
            )
        ),
        "message": graphene.String(description="The error message."),
        "code": graphene.Field(code_enum, required=True, description="The error code."),
        **extra,
    }
    return type(name, (graphene.ObjectType,), attrs)
