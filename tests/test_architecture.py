"""The import architecture, read from the source (no service, no Django): one floor per
top-level package, imports only go down, no import cycle, and every function-level import
says why it is not at the top of its module.

`FLOORS` below is the single source of truth for the layering (the README cites it). Every
import counts for the floors and between packages: module-level, function-level and
`if TYPE_CHECKING:` ones, since a type is a dependency too. The module-cycle rule leaves out
TYPE_CHECKING imports only: they never run, so they cannot make an import order matter, and
they are how a module names, for mypy, the type of a row it is handed by a module that
imports it (a rule module taking an `Order`, whose model's queryset calls that rule).
"""

from __future__ import annotations

import ast
import io
import tokenize
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom up. A package may import its own modules, any package on a lower floor, and a
# sibling on its own floor as long as the packages' import graph stays acyclic. The commerce
# apps are ordered orders ← payments ← checkout: a payment belongs to an order group (a
# foreign key) and knows its checkout only by token; completing a checkout consumes its
# payment and writes the orders. A lower app reaches a higher one only through what the
# higher one registers in its AppConfig.ready: payments receives `orders.signals`, and
# checkout registers the hooks of `payments.checkout_hooks`.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("core",),  # the kernel: errors, text, money, input limits, request ids
    ("places", "accounts", "outbox"),  # reference data, identity, the task outbox
    ("sellers", "catalog"),  # the domains (catalog builds on sellers)
    ("livestream", "content"),  # live offers, claims, sessions; menus and pages
    ("orders",),  # commerce, in its order
    ("promotions",),  # vouchers and gift cards (below payments, which books them)
    ("payments",),
    ("checkout",),
    ("reviews",),  # buyers' ratings of delivered order lines
    ("programme",),  # the OCOP programme's figures over the domains (officer dashboard)
    ("search",),  # features over the domains
    ("storefront_api", "web"),  # the interfaces: GraphQL and the web storefront
    ("marketplace",),  # the project shell: settings, urls, Celery, health
    ("ops", "demo", "bench"),  # operations and development tools
)
FLOOR_OF = {package: n for n, floor in enumerate(FLOORS) for package in floor}
SKIPPED_DIRS = {"migrations", "__pycache__"}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (ours), resolved to an existing module
    line: int
    in_function: bool
    type_checking: bool  # inside `if TYPE_CHECKING:`


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in FLOOR_OF:
        for path in sorted((ROOT / package).rglob("*.py")):
            if SKIPPED_DIRS & set(path.relative_to(ROOT).parts):
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module an imported name lives in (`catalog.models.Product` → `catalog.models`)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _walk(node: ast.AST, in_function: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        yield child, in_function
        nested = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield from _walk(child, in_function or nested)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """The lines of `if TYPE_CHECKING:` bodies (also spelled `typing.TYPE_CHECKING`)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            for statement in node.body:
                lines.update(range(statement.lineno, (statement.end_lineno or 0) + 1))
    return lines


def _imports(modules: dict[str, Path]) -> list[Import]:
    found: list[Import] = []
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        type_checking = _type_checking_lines(tree)
        for node, in_function in _walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, *([base] if base else [])])
                names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for name in names:
                if name.split(".")[0] not in FLOOR_OF:
                    continue
                target = _resolve(name, modules)
                if target is not None and target != module:
                    guarded = node.lineno in type_checking
                    found.append(Import(module, target, node.lineno, in_function, guarded))
    return found


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def _graph(pairs: list[tuple[str, str]]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for source, target in pairs:
        edges.setdefault(source, set()).add(target)
    return edges


def _comment_lines(source: str) -> set[int]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {t.start[0] for t in tokens if t.type == tokenize.COMMENT and len(t.string) > 2}


def _top(module: str) -> str:
    return module.split(".")[0]


def test_it_has_no_import_cycle_between_modules() -> None:
    # given every import of our modules that runs, function-level ones included
    imports = [i for i in _imports(_modules()) if not i.type_checking]
    # when the module graph's strongly connected components are computed
    cycles = _cycles(_graph([(i.source, i.target) for i in imports]))
    # then there is none
    assert cycles == []


def test_it_has_no_import_cycle_between_packages() -> None:
    # given the imports between different top-level packages
    imports = [i for i in _imports(_modules()) if _top(i.source) != _top(i.target)]
    # when the package graph's cycles are computed
    cycles = _cycles(_graph([(_top(i.source), _top(i.target)) for i in imports]))
    # then siblings on one floor import each other one way at most
    assert cycles == []


def test_it_imports_nothing_from_a_higher_floor() -> None:
    # given every import between top-level packages
    imports = [i for i in _imports(_modules()) if _top(i.source) != _top(i.target)]
    # when each is compared with the floor table
    upward = sorted(
        f"{i.source}:{i.line} imports {i.target}"
        for i in imports
        if FLOOR_OF[_top(i.target)] > FLOOR_OF[_top(i.source)]
    )
    # then none goes up
    assert upward == []


def test_it_keeps_the_two_interfaces_apart() -> None:
    # The web storefront and the GraphQL API both translate the domain for a reader; one
    # borrowing the other's code would make a rule live in an interface.
    # given every import between top-level packages
    imports = [i for i in _imports(_modules()) if _top(i.source) != _top(i.target)]
    # when those from one interface to the other are picked out
    between = sorted(
        f"{i.source}:{i.line} imports {i.target}"
        for i in imports
        if {_top(i.source), _top(i.target)} == {"storefront_api", "web"}
    )
    # then there is none, either way
    assert between == []


def test_it_places_every_top_level_package_on_a_floor() -> None:
    # given the top-level Python packages of the repository (tests/ and scripts/ are outside)
    packages = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "scripts"}
    }
    # then the floor table names each exactly once, and nothing else
    assert sorted(packages) == sorted(FLOOR_OF)
    assert len(FLOOR_OF) == sum(len(floor) for floor in FLOORS)


def test_it_explains_every_function_level_import() -> None:
    # A function-level import stays only where it must (an optional or heavy dependency
    # only one path needs, or a module that needs Django's apps loaded): one comment says
    # why, on its line or above its block of imports.
    # given every function-level import of our code (of any module, not only ours)
    unexplained = []
    for module, path in _modules().items():
        source = path.read_text(encoding="utf-8")
        commented = _comment_lines(source)
        tree = ast.parse(source)
        import_lines = {
            line
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
        }
        for node, in_function in _walk(tree):
            if not (in_function and isinstance(node, ast.Import | ast.ImportFrom)):
                continue
            # when the import, the imports right above it (one block) and the line above
            # that block are looked at
            top = node.lineno
            while top - 1 in import_lines:
                top -= 1
            here = set(range(top - 1, (node.end_lineno or node.lineno) + 1))
            # then a comment on one of them says why the import is not at the top
            if not here & commented:
                unexplained.append(f"{module}:{node.lineno}")
    assert unexplained == []


def test_it_finds_cycles_and_resolves_relative_imports() -> None:
    # given a graph with a 3-cycle, a self-contained pair and a chain
    edges = _graph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "d"), ("f", "a")])
    # when its cycles are computed, then exactly the two knots are reported
    assert _cycles(edges) == [["a", "b", "c"], ["d", "e"]]
    # and the walker tells a function-level import from a module-level one
    tree = ast.parse("import os\ndef f():\n    import sys\n    return lambda: __import__('x')\n")
    flags = [(type(n).__name__, f) for n, f in _walk(tree) if isinstance(n, ast.Import)]
    assert flags == [("Import", False), ("Import", True)]
    # and TYPE_CHECKING blocks are recognised in both spellings
    guarded = "if TYPE_CHECKING:\n    import a\nif typing.TYPE_CHECKING:\n    import b\nimport c\n"
    assert _type_checking_lines(ast.parse(guarded)) == {2, 4}


def test_it_installs_every_floor_but_the_development_tools() -> None:
    # given the packages the wheel and the Docker image install (pyproject.toml)
    with (ROOT / "pyproject.toml").open("rb") as handle:
        found = tomllib.load(handle)["tool"]["setuptools"]["packages"]["find"]["include"]
    installed = {pattern.rstrip("*") for pattern in found}
    # then every package on a floor is among them, except bench (run from the checkout)
    assert set(FLOOR_OF) - installed == {"bench"}
