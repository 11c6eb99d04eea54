"""Saleor-shaped operations of our own (tests/saleor_ops/<area>/*.graphql), written the way
Saleor's storefront writes them, and checked against our schema. Files of one area share
their fragments, as a storefront's code generation does."""

from __future__ import annotations

from pathlib import Path

from graphql import DocumentNode, GraphQLError, parse, print_ast, validate
from graphql.language import FragmentDefinitionNode, OperationDefinitionNode

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
    """One operation's text with every fragment of its area (unused ones are harmless to
    execute), ready to post to /graphql/."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((OPS / area).glob("*.graphql"))]
    document = parse("\n".join(texts))
    keep = [
        d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
        or (isinstance(d, OperationDefinitionNode) and d.name and d.name.value == name)
    ]
    assert any(isinstance(d, OperationDefinitionNode) for d in keep), name
    return print_ast(DocumentNode(definitions=keep))


def errors(area: str) -> list[GraphQLError]:
    """Validation errors of the whole area against our schema (unused fragments allowed)."""
    document = DocumentNode(definitions=definitions(area))
    return [
        e
        for e in validate(schema.graphql_schema, document, max_errors=1000)
        if "is never used" not in e.message
    ]
