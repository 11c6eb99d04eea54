"""Bilingual domain errors: `fail()` builds the FieldError every `check_*` raises."""

from __future__ import annotations

from core.errors import FieldError, ValidationErrors


def fail(field: str | None, vi: str, en: str, code: str) -> FieldError:
    """A FieldError whose message is Vietnamese first, then English."""
    return FieldError(field, f"{vi} / {en}", code)


def permission_denied(field: str | None = None) -> FieldError:
    return fail(
        field,
        "Bạn không có quyền thực hiện thao tác này.",
        "You do not have permission to perform this action.",
        "PERMISSION_DENIED",
    )


def not_found(field: str, what_vi: str, what_en: str) -> FieldError:
    return fail(field, f"Không tìm thấy {what_vi}.", f"{what_en} not found.", "NOT_FOUND")


__all__ = ["FieldError", "ValidationErrors", "fail", "not_found", "permission_denied"]
