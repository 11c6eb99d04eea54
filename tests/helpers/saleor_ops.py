"""Saleor-shaped operations of our own (tests/saleor_ops/<area>/*.graphql), written the way
Saleor's storefront writes them, and checked against our schema. Files of one area share
their fragments, as a storefront's code generation does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphql import DocumentNode, GraphQLError, parse, print_ast, validate
from graphql.language import (
    FragmentDefinitionNode,
    FragmentSpreadNode,
    OperationDefinitionNode,
    Visitor,
    visit,
)

from storefront_api.schema import schema

OPS = Path(__file__).resolve().parent.parent / "saleor_ops"


def areas() -> list[str]:
    return sorted(p.name for p in OPS.iterdir() if p.is_dir())


def definitions(area: str) -> list[OperationDefinitionNode | FragmentDefinitionNode]:
    found: list[OperationDefinitionNode | FragmentDefinitionNode] = []
    for path in sorted((OPS / area).glob("*.graphql")):
        found.extend(parse(path.read_text(encoding="utf-8")).definitions)  # type: ignore[arg-type]
    return found


def operation(area: str, name: str) -> str:
    """One operation's text with the fragments of its area it uses (directly or through
    another fragment: GraphQL refuses a document with an unused one), ready to post."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((OPS / area).glob("*.graphql"))]
    document = parse("\n".join(texts))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    chosen = [
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode) and d.name and d.name.value == name
    ]
    assert chosen, name
    used: dict[str, FragmentDefinitionNode] = {}
    pending = _spreads(chosen[0])
    while pending:
        spread = pending.pop()
        if spread not in used and spread in fragments:
            used[spread] = fragments[spread]
            pending.extend(_spreads(fragments[spread]))
    return print_ast(DocumentNode(definitions=[chosen[0], *used.values()]))


def _spreads(node: Any) -> list[str]:
    """The fragment names spread anywhere inside `node`."""
    names: list[str] = []

    class Spreads(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: Any) -> None:
            names.append(spread.name.value)

    visit(node, Spreads())
    return names


def errors(area: str) -> list[GraphQLError]:
    """Validation errors of the whole area against our schema (unused fragments allowed)."""
    document = DocumentNode(definitions=definitions(area))
    return [
        e
        for e in validate(schema.graphql_schema, document, max_errors=1000)
        if "is never used" not in e.message
    ]
