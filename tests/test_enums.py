"""GraphQL enums repeat no domain choices by hand: they are built from them.

`storefront_api.core.enums.enum_from_choices` derives a graphene enum from a model's
choices (or a domain `StrEnum`); these tests hold every such enum to its source and find
any enum in the schema that copies a domain's values instead.
"""

from __future__ import annotations

import enum

from graphene.types.definitions import GrapheneEnumType

from storefront_api.core.enums import DERIVED, enum_from_choices
from storefront_api.schema import schema

# The packages whose enums are the source of truth (everything below the GraphQL layer).
DOMAIN_PACKAGES = {
    "accounts", "places", "sellers", "catalog", "livestream", "checkout", "orders",
    "payments", "search", "core", "outbox",
}  # fmt: skip


def _domain_enums() -> list[type[enum.Enum]]:
    found: dict[type[enum.Enum], None] = {}
    pending: list[type[enum.Enum]] = list(enum.Enum.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in DOMAIN_PACKAGES and len(cls) >= 2:
            found[cls] = None
    return list(found)


def _schema_enums() -> dict[str, GrapheneEnumType]:
    return {
        name: t
        for name, t in schema.graphql_schema.type_map.items()
        if isinstance(t, GrapheneEnumType)
    }


def _values(t: GrapheneEnumType) -> set[str]:
    return {str(v.value.value) for v in t.values.values()}


def test_it_builds_each_derived_enum_from_exactly_its_sources_values() -> None:
    # given every enum derived from domain choices that the schema serves
    served = _schema_enums()
    derived = [d for d in DERIVED if d.graphene_enum._meta.name in served]
    assert len(derived) >= 20
    for d in derived:
        t = served[d.graphene_enum._meta.name]
        # then its members are the source's (same names, same values) plus Saleor's extras
        model = {m.name: str(m.value) for m in d.choices}
        members = {name: str(v.value.value) for name, v in t.values.items()}
        assert {n: members[n] for n in model} == model, t.name
        assert set(members.values()) == set(model.values()) | set(d.saleor_only), t.name


def test_it_has_no_schema_enum_copying_a_domain_enums_values_by_hand() -> None:
    # given the domain's enums and the enums the schema serves
    sources = {d.graphene_enum._meta.name: d.choices for d in DERIVED}
    copies = []
    for domain_enum in _domain_enums():
        wanted = {str(m.value) for m in domain_enum}
        for name, t in _schema_enums().items():
            # when a hand-written schema enum holds every value of a domain enum (or one
            # derived from another source has exactly its values)
            source = sources.get(name)
            if source is domain_enum:
                continue
            if wanted == _values(t) or (source is None and wanted <= _values(t)):
                copies.append((name, f"{domain_enum.__module__}.{domain_enum.__qualname__}"))
    # then it was built from that enum, not written out again
    assert copies == []


def test_it_refuses_an_order_that_is_not_the_values() -> None:
    class Colour(enum.StrEnum):
        RED = "red"
        BLUE = "blue"

    try:
        enum_from_choices(Colour, name="ColourEnumForTest", order=("red",))
    except ValueError as error:
        assert "ColourEnumForTest" in str(error)
    else:
        raise AssertionError("an incomplete order was accepted")
    DERIVED[:] = [d for d in DERIVED if d.choices is not Colour]


def test_it_serializes_a_model_choice_like_a_hand_written_enum() -> None:
    # given an order status as the database returns it, and as a fresh instance holds it
    from orders.models import OrderStatus

    status = schema.graphql_schema.type_map["OrderStatus"]
    # then both serialize to the GraphQL name
    assert status.serialize("partially_returned") == "PARTIALLY_RETURNED"
    assert status.serialize(str(OrderStatus.FULFILLED)) == "FULFILLED"
    # and the values print in Saleor's order
    assert list(status.values)[4:7] == ["PARTIALLY_RETURNED", "RETURNED", "FULFILLED"]
