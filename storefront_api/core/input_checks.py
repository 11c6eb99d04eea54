"""Checks that every GraphQL argument passes, in one place: a graphene middleware.

PostgreSQL cannot store a NUL character in text, so a NUL anywhere in an argument used to
surface as PostgreSQL's own message from whichever query first met it. Every field's
arguments (root and nested, queries and mutations, literals and variables alike, after
coercion) pass through `InputGuardMiddleware.resolve` before the field's resolver runs,
so one check here covers every input: a mutation answers its payload's `errors` with an
INVALID entry naming the field (Saleor's shape, nothing runs, nothing is written), and a
query answers a GraphQL error whose `extensions` carry the code and the argument path.

The same middleware is the safety net behind the domain `check_*` functions: a value the
database still refuses (DataError: too long, out of range…) or a malformed primary key a
lookup refuses (Django's ValidationError, e.g. "“abc” is not a valid UUID") becomes the
same INVALID answer with a plain message instead of the database's text. The domain checks
stay the real defence (they name the field); this only keeps internals out of answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import graphene
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.utils.translation import gettext_lazy as _
from graphene.types.inputobjecttype import InputObjectTypeContainer
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError, GraphQLList, GraphQLNonNull, GraphQLObjectType, get_named_type

from core.errors import FieldError
from storefront_api.core.errors import api_field
from storefront_api.core.mutation import BaseMutation

logger = logging.getLogger(__name__)

INVALID = "INVALID"
NUL = "\x00"
NUL_MESSAGE = _("A value cannot contain the NUL character.")
REFUSED_MESSAGE = _("A value was refused as invalid.")

Path = tuple[str | int, ...]


def nul_path(value: Any, path: Path = (), *, named: bool = True) -> Path | None:
    """The argument path to the first string containing NUL in `value`, or None.

    The path names arguments, input fields and list indices; inside a JSON scalar (e.g.
    an EditorJS `description`) it stays at the argument that holds the JSON, so the error
    names the field the caller sent.
    """
    if isinstance(value, str):
        return path if NUL in value else None
    if isinstance(value, Mapping):
        inner = named and (not path or isinstance(value, InputObjectTypeContainer))
        for key, item in value.items():
            key_path = (*path, key) if inner else path
            if isinstance(key, str) and NUL in key:
                return key_path
            found = nul_path(item, key_path, named=inner)
            if found is not None:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = nul_path(item, (*path, index) if named else path, named=named)
            if found is not None:
                return found
    return None


def api_path(path: Path) -> str:
    """("input", "street_address_1") → "input.streetAddress1"; list indices kept."""
    return ".".join(to_camel_case(p) if isinstance(p, str) else str(p) for p in path)


def leaf_field(path: Path) -> str | None:
    """The innermost named argument or input field, as mutation errors name fields."""
    names = [p for p in path if isinstance(p, str)]
    return to_camel_case(names[-1]) if names else None


def has_nul(value: Any) -> bool:
    return nul_path(value) is not None


def model_pk(model: Any, raw: Any) -> Any | None:
    """`raw` as a primary key of `model`, or None when it cannot be one ("abc" for a UUID
    or an integer key). A lookup by a malformed key then answers "not found" instead of
    Django's ValidationError."""
    try:
        return model._meta.pk.to_python(raw)
    except (DjangoValidationError, TypeError, ValueError):
        return None


def malformed_node_id(info: graphene.ResolveInfo, global_id: Any) -> bool:
    """True when `node(id:)` names a model type with a key that type cannot have.

    A well-formed ID of a missing row stays the type's own business (its `get_node` answers
    null); an ID graphene cannot parse keeps graphene's own error.
    """
    try:
        type_name, raw = graphene.Node.resolve_global_id(info, str(global_id))
    except Exception:
        return False
    object_type = info.schema.get_type(type_name) if type_name else None
    model = getattr(
        getattr(getattr(object_type, "graphene_type", None), "_meta", None), "model", None
    )
    return model is not None and model_pk(model, raw) is None


# --- Answering a refused mutation with its own payload -----------------------------------------


def _unwrap(graphql_type: Any) -> Any:
    while isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return graphql_type


def _error_lists(payload: GraphQLObjectType) -> Iterator[tuple[str, GraphQLObjectType]]:
    """(field name, error type) of each `[XError!]` field of a payload (`errors`, and
    Saleor's deprecated duplicates such as `productErrors`)."""
    for name, field in payload.fields.items():
        of = _unwrap(field.type)
        if not isinstance(of, GraphQLList):
            continue
        item = _unwrap(of.of_type)
        if isinstance(item, GraphQLObjectType) and {"field", "message", "code"} <= set(item.fields):
            yield name, item


def _code_for(error_type: GraphQLObjectType, wanted: str) -> str | None:
    code_type = get_named_type(error_type.fields["code"].type)
    values = getattr(code_type, "values", None) or {}
    for code in (wanted, "GRAPHQL_ERROR"):
        if code in values:
            return code
    return None


def mutation_failure(info: graphene.ResolveInfo, error: FieldError) -> Any | None:
    """The mutation's payload carrying `error` in its error lists, or None when the payload
    has no Saleor-style error list (the caller then raises a GraphQL error instead)."""
    payload = get_named_type(info.return_type)
    graphene_type = getattr(payload, "graphene_type", None)
    if not isinstance(payload, GraphQLObjectType) or graphene_type is None:
        return None
    values: dict[str, Any] = {}
    for name, error_type in _error_lists(payload):
        code = _code_for(error_type, error.code)
        error_graphene_type = getattr(error_type, "graphene_type", None)
        if code is None or error_graphene_type is None:
            return None
        field = api_field(error.field, getattr(error_graphene_type, "domain_field_names", None))
        values[name] = [error_graphene_type(field=field, message=error.message, code=code)]
    if not values:
        return None
    kwargs: dict[str, Any] = {}
    for python_name, graphene_field in graphene_type._meta.fields.items():
        graphql_name = getattr(graphene_field, "name", None) or to_camel_case(python_name)
        field = payload.fields.get(graphql_name)
        if field is None:
            continue
        if graphql_name in values:
            kwargs[python_name] = values[graphql_name]
        elif isinstance(field.type, GraphQLNonNull):
            # A required non-error field (e.g. `deliveries: [Delivery!]!`): an empty list
            # is an honest "nothing"; anything else cannot be made up.
            if not isinstance(_unwrap(field.type), GraphQLList):
                return None
            kwargs[python_name] = []
    if isinstance(graphene_type, type) and issubclass(graphene_type, BaseMutation):
        # Its own failure() fills the error lists (and extras such as `channels`).
        return graphene_type.failure(
            [FieldError(error.field, error.message, next(iter(values.values()))[0].code)]
        )
    return graphene_type(**kwargs)


def refuse(info: graphene.ResolveInfo, error: FieldError, path: Path | None = None) -> Any:
    """Answer a refused root mutation with its payload's errors, anything else with a
    GraphQL error carrying the code (and the argument path, when there is one)."""
    if info.parent_type is info.schema.mutation_type:
        payload = mutation_failure(info, error)
        if payload is not None:
            return payload
    extensions: dict[str, Any] = {"exception": {"code": error.code}}
    if path:
        extensions["field"] = api_path(path)
    elif error.field:
        extensions["field"] = error.field
    raise GraphQLError(error.message, extensions=extensions)


class InputGuardMiddleware:
    """graphene middleware (settings.GRAPHENE["MIDDLEWARE"]): NUL refusal before every
    resolver, and the DataError / malformed-key safety net after it."""

    def resolve(
        self, next_: Callable[..., Any], root: Any, info: graphene.ResolveInfo, **args: Any
    ) -> Any:
        if args:
            path = nul_path(args)
            if path is not None:
                return refuse(info, FieldError(leaf_field(path), NUL_MESSAGE, INVALID), path)
            if (
                info.field_name == "node"
                and info.parent_type is info.schema.query_type
                and malformed_node_id(info, args.get("id"))
            ):
                return None
        try:
            return next_(root, info, **args)
        except DataError:
            # The domain checks should have caught it; the details go to the log only.
            logger.warning("database refused input in %s", info.field_name, exc_info=True)
            return refuse(info, FieldError(None, REFUSED_MESSAGE, INVALID))
        except DjangoValidationError as exc:
            # Raised by a model lookup given a malformed key ("abc" for a UUID); the
            # interpolated message is plain and names nothing internal.
            message = "; ".join(exc.messages) or str(REFUSED_MESSAGE)
            return refuse(info, FieldError(None, message, INVALID))
