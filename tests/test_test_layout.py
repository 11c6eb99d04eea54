"""The tests folder's own layout: shared helpers live in tests/helpers/, and no test module
imports another test module (running one file must not drag in, or depend on, another)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _imported_modules(source: str) -> list[str]:
    """Every module an import statement names, anywhere in the source (also inside functions).

    `from tests import test_x` names both `tests` and `tests.test_x`, since `test_x` may be
    a module; relative imports are resolved against the `tests` package.
    """
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(["tests", *([base] if base else [])])
            names.append(base)
            names.extend(f"{base}.{alias.name}" for alias in node.names)
    return names


def _test_modules_imported(source: str) -> list[str]:
    """The test modules (`tests[.…].test_*`) among the imported names, once each."""
    found = set()
    for name in _imported_modules(source):
        parts = name.split(".")
        if parts[0] != "tests":
            continue
        for depth, part in enumerate(parts[1:], start=2):
            if part.startswith("test_"):
                found.add(".".join(parts[:depth]))
                break
    return sorted(found)


def test_it_has_no_test_module_importing_another() -> None:
    # given every Python file under tests/ (test modules, helpers, conftest, factories)
    files = sorted(TESTS.rglob("*.py"))
    assert TESTS / "helpers" / "checkout.py" in files
    # when their imports are read
    offenders = {
        str(path.relative_to(TESTS)): found
        for path in files
        if (found := _test_modules_imported(path.read_text(encoding="utf-8")))
    }
    # then none of them imports a test module: shared code lives in tests/helpers/
    assert offenders == {}


def test_it_recognises_a_test_module_import_in_every_spelling() -> None:
    # given the ways one file could import a test module, and imports that are fine
    spellings = {
        "from tests.test_checkout_flow import X": ["tests.test_checkout_flow"],
        "import tests.test_checkout_flow": ["tests.test_checkout_flow"],
        "from tests import test_checkout_flow": ["tests.test_checkout_flow"],
        "from .test_checkout_flow import X": ["tests.test_checkout_flow"],
        "from . import test_checkout_flow": ["tests.test_checkout_flow"],
        "def f():\n    from tests.test_order_actions import X": ["tests.test_order_actions"],
        "from tests.helpers.checkout import CHECKOUT_COMPLETE": [],
        "from tests import factories": [],
        "from tests.conftest import gql": [],
        "import pytest": [],
    }
    for source, expected in spellings.items():
        # when the scan reads it
        found = _test_modules_imported(source)
        # then it flags exactly the test-module imports
        assert found == expected, source
