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


def api_offenders(source: str, where: str) -> list[str]:
    """`transaction.atomic`, `select_for_update`, calls of `lock_*` functions and imports
    of a `lock_objects` module in one module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ("atomic", "select_for_update"):
            found.append(f"{where}:{node.lineno}: {node.attr}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name.startswith("lock_"):
                found.append(f"{where}:{node.lineno}: {name}()")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith("lock_objects"):
            found.append(f"{where}:{node.lineno}: import {node.module}")
    return sorted(found)


def test_it_has_no_transactions_or_lock_calls_in_the_graphql_layer() -> None:
    # given the GraphQL layer's modules, which only translate: resolve ids, make one domain
    # `do_*` call (which owns its transaction and takes its locks), build the payload
    # when looking for transaction.atomic, select_for_update and calls of lock_* functions
    offenders = [
        found
        for path in sorted((ROOT / "storefront_api").rglob("*.py"))
        for found in api_offenders(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    # then there are none
    assert offenders == []


def test_it_finds_transactions_and_lock_calls_when_there_are_some() -> None:
    # given a module that does what the GraphQL layer may not
    source = (
        "from django.db import transaction\n"
        "from checkout.lock_objects import lock_checkout\n"
        "with transaction.atomic():\n"
        "    lock_checkout(1)\n"
        "Checkout.objects.select_for_update(no_key=True)\n"
    )
    # when scanning it
    found = api_offenders(source, "probe.py")
    # then the import, the transaction, the lock call and the row lock are each reported
    assert found == [
        "probe.py:2: import checkout.lock_objects",
        "probe.py:3: atomic",
        "probe.py:4: lock_checkout()",
        "probe.py:5: select_for_update",
    ]


DOMAIN_PACKAGES = (
    "core",
    "places",
    "accounts",
    "outbox",
    "sellers",
    "catalog",
    "livestream",
    "checkout",
    "orders",
    "payments",
    "reviews",
    "programme",
    "search",
)


def undocumented_lock_functions(source: str, where: str) -> list[str]:
    """`do_*` functions in one module's source whose docstring has no `Locks:` line."""
    return [
        f"{where}:{node.lineno}: {node.name}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("do_")
        and not any("Locks:" in line for line in (ast.get_docstring(node) or "").splitlines())
    ]


def test_it_states_the_locks_of_every_do_function() -> None:
    # given every module of the domain packages
    # when looking for do_* functions whose docstring does not say which locks they take
    offenders = [
        found
        for package in DOMAIN_PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
        for found in undocumented_lock_functions(
            path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))
        )
    ]
    # then there are none
    assert offenders == []


def test_it_finds_do_functions_that_do_not_state_their_locks() -> None:
    # given a module with one do_* function that states its locks and two that do not
    source = (
        "def do_said():\n"
        '    """Change it.\n\n    Locks: none (a new row)."""\n'
        "def do_silent():\n"
        '    """Change it under a lock."""\n'
        "def do_bare():\n"
        "    pass\n"
        "def check_it():\n"
        "    pass\n"
    )
    # when scanning it
    found = undocumented_lock_functions(source, "probe.py")
    # then the two silent do_* functions are reported, by line
    assert found == ["probe.py:5: do_silent", "probe.py:7: do_bare"]
