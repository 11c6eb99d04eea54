"""Saleor-style mutation errors: `errors { field message code }` with a per-domain enum."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

import graphene
from graphene.utils.str_converters import to_camel_case

from core.errors import FieldError, Message, ValidationErrors, fail

__all__ = ["FieldError", "Message", "ValidationErrors", "api_field", "error_type", "fail"]


def api_field(name: str | None, renames: Mapping[str, str] | None = None) -> str | None:
    """The API's name of a domain field: `renames[name]` where the API calls it otherwise,
    else graphene's camelCase of the domain's snake_case name (a camelCase name passes
    unchanged). The domain never knows the API's names."""
    if name is None:
        return None
    return (renames or {}).get(name) or to_camel_case(name)


def error_type(
    name: str,
    code_enum: type[Enum] | Any,
    *,
    field_names: Mapping[str, str] | None = None,
    **extra: Any,
) -> type[graphene.ObjectType]:
    """Build `XError { field message code }` for one mutation domain.

    The domain's errors name snake_case fields, which the mutations answer through
    `api_field(field, field_names)`: camelCased, or renamed by `field_names` where the API
    calls the field otherwise.
    """
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
    error_class = type(name, (graphene.ObjectType,), attrs)
    # Not a graphene field: read by BaseMutation.error_item.
    error_class.domain_field_names = field_names  # type: ignore[attr-defined]
    return error_class
