"""Domain validation errors, raised by `check_*`/`do_*` functions in every app.

They live here, not in the GraphQL layer, so domain code never imports the API; the
mutations turn them into Saleor's `errors { field message code }` entries.
"""

from __future__ import annotations

from dataclasses import dataclass


class ValidationErrors(Exception):
    """One or more invalid fields; every mutation turns them into its `errors` list."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class FieldError(ValidationErrors):
    """One invalid field: `code` is a name of the calling mutation domain's error enum.

    It is a ValidationErrors of one, so a caller that catches either sees every failure.
    """

    field: str | None
    message: str
    code: str

    def __post_init__(self) -> None:
        super().__init__([self])

    def __str__(self) -> str:
        return f"{self.field}: {self.message} ({self.code})"
