"""What a query asks for, so list resolvers batch only the related rows it needs."""

from __future__ import annotations

from collections.abc import Iterable

from graphql import FieldNode, FragmentSpreadNode, GraphQLResolveInfo, InlineFragmentNode
from graphql.language import SelectionSetNode


def _fields(
    selection_set: SelectionSetNode | None, info: GraphQLResolveInfo
) -> Iterable[FieldNode]:
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, info)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = info.fragments[selection.name.value]
            yield from _fields(fragment.selection_set, info)


def selected_paths(info: GraphQLResolveInfo, under: tuple[str, ...] = ()) -> set[str]:
    """Dotted paths of every field selected below the current field (e.g. "pricing.priceRange").

    `under` skips wrapper levels first, such as ("edges", "node") in a connection.
    """
    paths: set[str] = set()

    def walk(nodes: Iterable[FieldNode], prefix: str) -> None:
        for node in nodes:
            path = f"{prefix}{node.name.value}"
            paths.add(path)
            walk(_fields(node.selection_set, info), f"{path}.")

    level: list[FieldNode] = [n for f in info.field_nodes for n in _fields(f.selection_set, info)]
    for name in under:
        level = [n for f in level if f.name.value == name for n in _fields(f.selection_set, info)]
    walk(level, "")
    return paths


def wants(paths: set[str], *names: str) -> bool:
    return any(p == n or p.startswith(f"{n}.") for p in paths for n in names)
