"""The domain names fields as the models do (snake_case); only the GraphQL layer knows the
API's camelCase names (`storefront_api.core.errors.api_field`, and each error type's
`field_names` renames). A source scan, so it needs no service."""

from __future__ import annotations

import ast
from pathlib import Path

from storefront_api.checkout.shipping_inputs import shipping_error
from storefront_api.core.errors import FieldError, api_field

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_PACKAGES = [
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
    "search",
]
# The calls whose first argument is the name of the invalid field.
FAILING_CALLS = {"fail", "FieldError", "CheckoutFieldError", "ItemError"}


def sources(package: str) -> list[Path]:
    return [p for p in sorted((ROOT / package).rglob("*.py")) if "migrations" not in p.parts]


def called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def field_literals(node: ast.expr) -> list[str]:
    """The string literals an argument can evaluate to (`"a" if x else "b"` gives both)."""
    return [
        inner.value
        for inner in ast.walk(node)
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str)
    ]


def failing_field_literals(package: str) -> list[str]:
    """`path:line "field"` for each field literal given to a failing call in `package`."""
    found = []
    for path in sources(package):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and called_name(node) in FAILING_CALLS):
                continue
            first = node.args[0] if node.args else None
            for keyword in node.keywords:
                if keyword.arg == "field":
                    first = keyword.value
            if first is None:
                continue
            for literal in field_literals(first):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {literal!r}")
    return found


def test_it_scans_the_failing_calls_of_the_domain():
    # given the domain packages
    # when their failing calls are scanned
    found = [f for package in DOMAIN_PACKAGES for f in failing_field_literals(package)]

    # then the scan sees the field names it checks (a scan that finds nothing proves nothing)
    assert any(f.startswith("checkout/validation.py:") and "'shipping_address'" in f for f in found)
    assert any(f.startswith("orders/actions.py:") and "'order_line_id'" in f for f in found)


def test_it_finds_no_camel_case_field_name_in_the_domain():
    # given every field literal the domain fails with
    found = [f for package in DOMAIN_PACKAGES for f in failing_field_literals(package)]

    # when we keep those with an upper-case ASCII letter (a camelCase API name)
    camel = [f for f in found if any("A" <= c <= "Z" for c in f.split(" ", 1)[1])]

    # then there are none: the API's names belong to the GraphQL layer
    assert camel == []


def test_it_keeps_graphql_out_of_the_kernel():
    # given the kernel's modules
    imported = []
    for path in sources("core"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported += [(path.name, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.append((path.name, node.module))

    # when we keep the imports of graphene or graphql
    api = [
        (name, module)
        for name, module in imported
        if module.split(".")[0] in ("graphene", "graphql")
    ]

    # then there are none: the kernel imports no API library
    assert api == []


def test_it_names_domain_fields_as_the_api_does():
    # given snake_case domain names, nested paths and names the API already spells
    # when the API names them
    # then snake_case is camelCased, renames win, and everything else passes unchanged
    assert api_field("shipping_address") == "shippingAddress"
    assert api_field("street_address_1") == "streetAddress1"
    assert api_field("lines.0.unit_price") == "lines.0.unitPrice"
    assert api_field("addresses[0]") == "addresses[0]"
    assert api_field("shippingAddress") == "shippingAddress"
    assert api_field("stall_name", {"stall_name": "name"}) == "name"
    assert api_field("id") == "id"
    assert api_field(None) is None


def test_it_renames_the_delivery_method_fields_the_api_names_otherwise():
    # given errors of the delivery-method domain, named after the model's columns
    errors = [
        FieldError("price_amount", "m", "INVALID"),
        FieldError("max_weight_grams", "m", "INVALID"),
        FieldError("name_en", "m", "INVALID"),
        FieldError("service_level", "m", "INVALID"),
        FieldError(None, "m", "PERMISSION_DENIED"),
    ]

    # when the API answers them
    fields = [shipping_error(e).field for e in errors]

    # then each carries the input field's name
    assert fields == ["price", "maximumOrderWeightGrams", "nameEn", "serviceLevel", None]
