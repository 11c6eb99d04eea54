"""Row locks go through each app's lock_objects.py and state their strength (issue 10).

A source scan, no database: `select_for_update` may appear only in `*/lock_objects.py`,
always with an explicit `no_key=` argument, and never in the GraphQL layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", "tests", "migrations", "node_modules", ".git"}


def source_files() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if not SKIPPED.intersection(path.relative_to(ROOT).parts)
    ]


def lock_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "select_for_update"
    ]


def test_it_takes_row_locks_only_in_lock_objects_modules() -> None:
    # given every source module outside tests
    # when looking for select_for_update calls
    offenders = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path in source_files()
        if path.name != "lock_objects.py"
        for call in lock_calls(path)
    ]
    # then there are none
    assert offenders == []


def test_it_states_every_lock_strength() -> None:
    # given the lock_objects modules
    # when a select_for_update call has no explicit no_key= argument
    offenders = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path in source_files()
        if path.name == "lock_objects.py"
        for call in lock_calls(path)
        if "no_key" not in {kw.arg for kw in call.keywords}
    ]
    # then there are none
    assert offenders == []


def test_it_has_no_row_locks_in_the_graphql_layer() -> None:
    # given the GraphQL layer's modules
    # when grepping their text for select_for_update
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "storefront_api").rglob("*.py")
        if "select_for_update" in path.read_text(encoding="utf-8")
    ]
    # then there are none
    assert offenders == []
