"""The livestream domain's common failures, raised through `core.errors.fail`."""

from __future__ import annotations

from typing import NoReturn

from django.utils.translation import gettext_lazy as _

from core.errors import FieldError, ValidationErrors, fail


def permission_denied(field: str | None = None) -> NoReturn:
    fail(field, _("You do not have permission to perform this action."), "PERMISSION_DENIED")


__all__ = ["FieldError", "ValidationErrors", "fail", "permission_denied"]
