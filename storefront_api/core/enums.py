"""GraphQL enums built from the domain's choices, so a value is written down once.

Saleor builds its graphene enums from its Django choices (`graphql/core/enums.py`); so do
we: `enum_from_choices(OrderStatus, name="OrderStatus")` is the model's `OrderStatus` as a
GraphQL enum, member names and values taken from the model. Two Saleor facts the model
may not share are said explicitly, and checked when the module is imported:

- `saleor_only`: values Saleor's enum has and our model never stores (a Saleor client
  may still send or expect them);
- `order`: Saleor's order of the values, where it differs from the model's (the schema
  prints values in this order, and clients generated from Saleor's schema compare it).

Enums that only exist in Saleor (error codes, sort fields without a domain counterpart)
are written as plain `graphene.Enum` classes next to their types.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import graphene


@dataclass(frozen=True)
class DerivedEnum:
    """Where a GraphQL enum's values come from (read by the schema tests)."""

    graphene_enum: type[graphene.Enum]
    choices: type[enum.Enum]
    saleor_only: tuple[str, ...]


# Every enum built by `enum_from_choices`, in definition order.
DERIVED: list[DerivedEnum] = []


def enum_from_choices(
    choices: type[enum.Enum],
    *,
    name: str,
    description: str | None = None,
    saleor_only: Iterable[str] = (),
    order: Sequence[str] | None = None,
) -> type[graphene.Enum]:
    """A graphene enum named `name` with the members of `choices` (Django choices or a
    `StrEnum`): member `X = "x"` becomes GraphQL value `X` holding "x".

    `saleor_only` values are added after the model's as `VALUE.upper()`; `order`, if given,
    must list every value exactly once.
    """
    members = {member.name: str(member.value) for member in choices}
    extra = tuple(saleor_only)
    for value in extra:
        if value in members.values():
            raise ValueError(f"{name}: {value!r} is already a value of {choices.__name__}")
        members[value.upper()] = value
    if order is not None:
        if sorted(order) != sorted(members.values()):
            raise ValueError(
                f"{name}: `order` must list exactly the values of {choices.__name__}"
                f" plus {list(extra)}, got {list(order)}"
            )
        by_value = {value: member for member, value in members.items()}
        members = {by_value[value]: value for value in order}
    # The same construction as a `class X(graphene.Enum)` statement, so members compare and
    # serialize exactly like the hand-written enums' (and no "An enumeration." description).
    body: dict[str, object] = {"__module__": __name__, "__doc__": description, **members}
    graphene_enum = type(graphene.Enum)(name, (graphene.Enum,), body)
    DERIVED.append(DerivedEnum(graphene_enum, choices, extra))
    return graphene_enum
