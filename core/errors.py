"""Domain validation errors, raised by `check_*`/`do_*` functions in every app.

One way to fail: `fail(field, message, code, **params)` raises `ValidationErrors`, the one
exception type, carrying a list of `FieldError` records (a `check_*` that reports several
fields at once collects `FieldError`s and raises `ValidationErrors(errors)` itself).

Messages are Django translation strings (`gettext_lazy`, English msgids; the Vietnamese and
English catalogues are in `marketplace/locale/`). `params` are interpolated (`%(name)s`)
only when the message is read, so it comes out in the language of the request that reads
it: Vietnamese by default, English with `Accept-Language: en`. Amounts in `params` are
formatted by the caller with `core.money.format_vnd`.

They live here, not in the GraphQL layer, so domain code never imports the API; the
mutations turn them into Saleor's `errors { field message code }` entries. A `field` is
the domain's own snake_case name (a model field, an input key, "owner.email" for a nested
one); the GraphQL layer alone knows the API's camelCase names and maps them
(`storefront_api.core.errors.api_field`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from django.utils import translation
from django.utils.functional import Promise, lazy

# What a message may be: a plain string, or a lazy translation string.
Message = str | Promise


@dataclass
class FieldError:
    """One invalid field (a record, not an exception): `code` is a name of the calling
    mutation domain's error enum; `text` is rendered with `params` by `message`."""

    field: str | None
    text: Message
    code: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def message(self) -> str:
        """The message in the active language, with its parameters filled in."""
        text = str(self.text)
        return text % dict(self.params) if self.params else text

    def __str__(self) -> str:
        return f"{self.field}: {self.message} ({self.code})"


def _in_language(vi: object, en: object) -> str:
    return str(en if (translation.get_language() or "vi").startswith("en") else vi)


_by_language = lazy(_in_language, str)


def by_language(vi: object, en: object) -> Any:
    """A message parameter that reads `vi` or `en` by the language the message is rendered
    in: a name we store in both languages (a province, a product group), or a status whose
    Vietnamese label and English value differ."""
    return _by_language(vi, en)


class ValidationErrors(Exception):
    """One or more invalid fields; every mutation turns them into its `errors` list."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


def fail(field: str | None, message: Message, code: str, /, **params: Any) -> NoReturn:
    """Raise the one failure a `check_*` reports: `field` is invalid because of `message`
    (interpolated with `params` when read)."""
    raise ValidationErrors([FieldError(field, message, code, params)])


__all__ = ["FieldError", "Message", "ValidationErrors", "by_language", "fail"]
