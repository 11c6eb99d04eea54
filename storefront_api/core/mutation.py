"""The Saleor-style mutation base: one transaction, errors in the payload.

Every expected failure — validation, "not yours" (PERMISSION_DENIED), not found — is a
`ValidationErrors` (see `core.errors.fail`) raised by a `check_*` function or by the
mutation; each of its `FieldError`s it becomes an entry of
the payload's `errors` list, and the transaction is rolled back, so a failed or denied
mutation writes nothing. Anonymous callers get PERMISSION_DENIED in `errors` too (Saleor
raises a top-level PermissionDenied for missing staff permissions; our permissions are
about owned objects, which Saleor reports in `errors`). Only bugs escape as top-level
GraphQL errors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NoReturn, cast

import graphene
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import is_authenticated
from storefront_api.core.errors import FieldError, Message, ValidationErrors, api_field, fail

PERMISSION_DENIED = "PERMISSION_DENIED"


class OcopMutation(graphene.Mutation):
    class Meta:
        abstract = True

    # The payload's error type and the names of its error lists (Saleor keeps deprecated
    # duplicates such as `productErrors` next to `errors`).
    error_type: ClassVar[type[graphene.ObjectType]]
    error_fields: ClassVar[tuple[str, ...]] = ("errors",)

    # Each mutation defines `perform_mutation(cls, info, **arguments)`: the work, inside
    # the transaction, raising FieldError/ValidationErrors for expected failures.
    perform_mutation: ClassVar[Callable[..., OcopMutation]]

    @classmethod
    def mutate(cls, root: Any, info: graphene.ResolveInfo, **data: Any) -> OcopMutation:
        try:
            with transaction.atomic():
                return cls.perform_mutation(info, **data)
        except ValidationErrors as failure:
            return cls.failure(failure.errors)

    @classmethod
    def error_extras(cls, error: FieldError) -> dict[str, Any]:
        """Extra error fields (e.g. `index`, `channels`) for error types that have them."""
        return {}

    @classmethod
    def failure(cls, errors: list[FieldError]) -> OcopMutation:
        renames = getattr(cls.error_type, "domain_field_names", None)
        items = [
            cls.error_type(
                field=e.field if renames is None else api_field(e.field, renames),
                message=e.message,
                code=e.code,
                **cls.error_extras(e),
            )
            for e in errors
        ]
        return cls(**{name: items for name in cls.error_fields})

    @classmethod
    def success(cls, **payload: Any) -> OcopMutation:
        return cls(**payload, **{name: [] for name in cls.error_fields})


def denied(field: str | None = None, message: Message | None = None) -> NoReturn:
    fail(
        field,
        message or _("You do not have permission to perform this action."),
        PERMISSION_DENIED,
    )


def require_user(info: graphene.ResolveInfo) -> User:
    user = getattr(info.context, "user", None)
    if not is_authenticated(user):
        denied(None, _("You need to sign in to perform this action."))
    return cast(User, user)


def decode_id(value: Any, type_name: str | tuple[str, ...], field: str) -> int:
    """The primary key in a Relay global ID of one of `type_name`, or a GRAPHQL_ERROR."""
    names = (type_name,) if isinstance(type_name, str) else type_name
    try:
        kind, pk = graphene.Node.resolve_global_id(None, str(value))
    except Exception:
        kind, pk = None, None
    if kind not in names or not str(pk).isdigit():
        # Saleor's message; the echoed value is cut so a huge argument is not sent back.
        shown = str(value) if len(str(value)) <= 100 else f"{str(value)[:100]}…"
        fail(field, f"Invalid ID: {shown}. Expected: {names[0]}.", "GRAPHQL_ERROR")
    return int(pk)


def not_found(field: str, what: str = "object") -> NoReturn:
    fail(field, _("Couldn't resolve to a %(what)s."), "NOT_FOUND", what=what)


def enum_value(value: Any) -> Any:
    """graphene passes enum inputs as Python enum members; the models store their values."""
    return getattr(value, "value", value)
