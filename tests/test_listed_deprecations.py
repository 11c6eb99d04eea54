"""A code generator's view of the schema: what a plain introspection (graphql-codegen's, which
Saleor's storefront runs) lists must accept every Saleor-shaped operation of ours, including
the deprecated arguments Saleor keeps for old clients (`checkoutId` of
checkoutAddPromoCode, which Saleor's storefront still sends)."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from graphql import (
    OperationDefinitionNode,
    build_client_schema,
    get_introspection_query,
    parse,
    validate,
)

from tests.helpers.saleor_ops import areas, definitions, operation


def _operation_names(area: str) -> list[str]:
    return [
        d.name.value
        for d in definitions(area)
        if isinstance(d, OperationDefinitionNode) and d.name is not None
    ]


def _introspected(client: Client) -> Any:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": get_introspection_query()}),
        content_type="application/json",
    )
    return build_client_schema(response.json()["data"])


def test_it_lists_the_deprecated_checkout_id_argument_with_its_deprecation_said(db: Any) -> None:
    # given the schema as a plain introspection shows it
    schema = _introspected(Client())
    # when the promo-code mutation's arguments are read
    arguments = schema.mutation_type.fields["checkoutAddPromoCode"].args  # type: ignore[union-attr]
    # then the deprecated ones are there, their deprecation in the description
    assert sorted(arguments) == ["checkoutId", "id", "promoCode", "token"]
    assert arguments["checkoutId"].description == "Deprecated: Use `id` instead."


def test_it_validates_every_saleor_shaped_operation_against_the_introspected_schema(
    db: Any,
) -> None:
    # given the schema as graphql-codegen sees it
    schema = _introspected(Client())
    # when every operation of every area is validated against it
    errors = {
        (area, name): [e.message for e in validate(schema, parse(operation(area, name)))]
        for area in areas()
        for name in _operation_names(area)
    }
    # then none is refused
    assert {key: found for key, found in errors.items() if found} == {}
    assert ("promotions", "PromoCodeAdd") in errors


def test_it_places_deprecated_only_where_graphql_js_16_parses_it(db: Any) -> None:
    # given the schema as a plain introspection shows it
    schema = _introspected(Client())
    # when the @deprecated directive's locations are read
    deprecated = schema.get_directive("deprecated")
    assert deprecated is not None
    # then they are the released spec's (graphql-js 16 knows no DIRECTIVE_DEFINITION here)
    assert [loc.name for loc in deprecated.locations] == [
        "FIELD_DEFINITION",
        "ARGUMENT_DEFINITION",
        "INPUT_FIELD_DEFINITION",
        "ENUM_VALUE",
    ]
