"""The one mutation base (Saleor's `BaseMutation`): inputs, one domain call, the payload.

A mutation declares its arguments, its payload fields and its error type, and defines
`perform_mutation(info, **arguments)`: it resolves the arguments (ids → primary keys),
makes one domain `do_*` call — which owns its transaction and its row locks — and returns
the payload (`cls.success(...)`). It takes no lock and opens no transaction itself.

Every expected failure — validation, "not yours" (PERMISSION_DENIED), not found — is a
`core.errors.ValidationErrors` (see `core.errors.fail`) raised by a `check_*`/`do_*`
function or by the mutation; the base turns it into the payload's `errors` list and into
the deprecated duplicate Saleor still has (`checkoutErrors`, `accountErrors`…) when the
payload has one. The domain call rolls its own transaction back, so a failed or denied
mutation writes nothing. Anonymous callers get PERMISSION_DENIED in `errors` too (Saleor
raises a top-level PermissionDenied for missing staff permissions; our permissions are
about owned objects, which Saleor reports in `errors`). Only bugs escape as top-level
GraphQL errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, NoReturn, cast

import graphene
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import is_authenticated
from storefront_api.core.errors import FieldError, Message, ValidationErrors, api_field, fail

PERMISSION_DENIED = "PERMISSION_DENIED"


class BaseMutation(graphene.Mutation):
    class Meta:
        abstract = True

    # The payload's error type and the names of its error lists: `errors`, plus the
    # deprecated duplicate Saleor keeps next to it (`productErrors`, `checkoutErrors`…).
    error_type: ClassVar[type[graphene.ObjectType]]
    error_fields: ClassVar[tuple[str, ...]] = ("errors",)
    # Payload values a failure answers besides its errors (a required field such as
    # `confirmationNeeded: Boolean!` cannot be null).
    failure_values: ClassVar[dict[str, Any]] = {}

    # Each mutation defines `perform_mutation(cls, info, **arguments)`: resolve the
    # arguments, make the domain call, return `cls.success(...)`; expected failures are
    # raised as FieldError/ValidationErrors.
    perform_mutation: ClassVar[Callable[..., BaseMutation]]

    @classmethod
    def mutate(cls, root: Any, info: graphene.ResolveInfo, **data: Any) -> BaseMutation:
        try:
            return cls.perform_mutation(info, **data)
        except ValidationErrors as failure:
            return cls.failure(failure.errors)

    @classmethod
    def error_extras(cls, error: FieldError) -> dict[str, Any]:
        """Extra error fields (e.g. `index`, `channels`) for error types that have them."""
        return {}

    @classmethod
    def error_item(cls, error: FieldError) -> Any:
        """One domain error as an entry of the payload's error lists, its field named as the
        API names it (the domain knows only its own snake_case names)."""
        renames = getattr(cls.error_type, "domain_field_names", None)
        return cls.error_type(
            field=api_field(error.field, renames),
            message=error.message,
            code=error.code,
            **cls.error_extras(error),
        )

    @classmethod
    def error_items(cls, errors: Iterable[FieldError]) -> list[Any]:
        return [cls.error_item(e) for e in errors]

    @classmethod
    def failure(cls, errors: list[FieldError]) -> BaseMutation:
        items = cls.error_items(errors)
        return cls(**cls.failure_values, **{name: items for name in cls.error_fields})

    @classmethod
    def success(cls, **payload: Any) -> BaseMutation:
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
