"""Domain validation errors, raised by `check_*`/`do_*` functions in every app.

They live here, not in the GraphQL layer, so domain code never imports the API; the
mutations turn them into Saleor's `errors { field message code }` entries.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FieldError(Exception):
    """One invalid field: `code` is a name of the calling mutation domain's error enum."""

    field: str | None
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message} ({self.code})"


class ValidationErrors(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors
