"""At most one authentication mutation per request.

One POST with 51 aliased `tokenCreate` fields would otherwise try 51 passwords in one round
trip. Each authentication mutation calls `refused(info)` before doing anything: when the
operation holds more than one authentication root field (aliases, fragments and inline
fragments included, as graphql-core collects them for execution), every one of them is
refused, so none runs and none is counted by the login throttle. A batched request (a list
of operations sharing one Django request) may run only the first authentication field; the
later ones are refused.

This sits in the mutations rather than in a validation rule so it needs no wiring in the
view and cannot be bypassed by a view that forgets the rule.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLObjectType
from graphql.execution.collect_fields import collect_fields

# Root fields that check a secret or create an account. `tokenVerify` is not one: it only
# checks a signed token and reveals nothing a guesser could use.
AUTHENTICATION_FIELDS = frozenset({"tokenCreate", "tokenRefresh", "accountRegister"})

_RAN = "_ocop_authentication_ran"


def _authentication_fields_in_operation(info: graphene.ResolveInfo) -> int:
    root_type = info.parent_type
    assert isinstance(root_type, GraphQLObjectType)
    fields = collect_fields(
        info.schema,
        info.fragments,
        info.variable_values,
        root_type,
        info.operation.selection_set,
    )
    return sum(1 for nodes in fields.values() if nodes[0].name.value in AUTHENTICATION_FIELDS)


def refused(info: graphene.ResolveInfo) -> bool:
    """True when this authentication field must not run (see the module docstring)."""
    if _authentication_fields_in_operation(info) > 1:
        return True
    request: Any = info.context
    if getattr(request, _RAN, False):
        return True
    setattr(request, _RAN, True)
    return False


MESSAGE = _(
    "Only one authentication mutation (tokenCreate, tokenRefresh, accountRegister) is allowed per "
    "request."
)
