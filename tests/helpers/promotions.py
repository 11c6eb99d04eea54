"""Vouchers, gift cards, and the Saleor-shaped operations of tests/saleor_ops/promotions."""

from __future__ import annotations

from typing import Any

from django.test import Client
from graphql import DocumentNode, Visitor, parse, print_ast, visit
from graphql.language import (
    FragmentDefinitionNode,
    FragmentSpreadNode,
    OperationDefinitionNode,
)

from promotions.models import GiftCard, Voucher
from tests import factories
from tests.conftest import gql
from tests.helpers.checkout import checkout_id
from tests.helpers.saleor_ops import operation as area_operation


def operation(area: str, name: str) -> str:
    """`saleor_ops.operation` without the area's fragments this operation does not use
    (a server refuses a document with an unused fragment)."""
    document = parse(area_operation(area, name))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    main = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    used: set[str] = set()
    todo: list[Any] = [main]
    while todo:
        node = todo.pop()
        for spread in _spreads(node):
            if spread not in used:
                used.add(spread)
                todo.append(fragments[spread])
    keep = [main, *(fragments[n] for n in sorted(used))]
    return print_ast(DocumentNode(definitions=keep))


def _spreads(node: Any) -> list[str]:
    found: list[str] = []

    class Spreads(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: Any) -> None:
            found.append(spread.name.value)

    visit(node, Spreads())
    return found


def voucher(code: str = "OCOP10", **fields: Any) -> Voucher:
    """A province-funded 10 % voucher on Điện Biên's sellers, unless told otherwise."""
    defaults: dict[str, Any] = {
        "name": "Giảm 10% đặc sản Điện Biên",
        "name_en": "10% off Điện Biên specialities",
        "value_type": "percentage",
        "value": 10,
        "funder": "province",
        "funding_province": factories.province("11"),
        "scope": "province",
        "scope_province": factories.province("11"),
    }
    defaults.update(fields)
    return Voucher.objects.create(code=code, **defaults)


def gift_card(code: str = "GIFT-2026-ABCD", balance: int = 100_000, **fields: Any) -> GiftCard:
    return GiftCard.objects.create(
        code=code, initial_balance_amount=balance, current_balance_amount=balance, **fields
    )


def add_code(api: Client, checkout: Any, code: str, token: str | None = None) -> dict[str, Any]:
    body = gql(
        api,
        operation("promotions", "PromoCodeAdd"),
        {"checkoutId": checkout_id(checkout), "promoCode": code},
        token,
    )
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["checkoutAddPromoCode"]
    return payload


def remove_code(api: Client, checkout: Any, **args: Any) -> dict[str, Any]:
    body = gql(
        api,
        operation("promotions", "PromoCodeRemove"),
        {"checkoutId": checkout_id(checkout), **args},
    )
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["checkoutRemovePromoCode"]
    return payload


def complete(api: Client, checkout: Any, token: str | None = None) -> dict[str, Any]:
    body = gql(
        api, operation("promotions", "PromoCheckoutComplete"), {"id": checkout_id(checkout)}, token
    )
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["checkoutComplete"]
    return payload


def find_checkout(api: Client, checkout: Any) -> dict[str, Any]:
    body = gql(api, operation("promotions", "PromoCheckoutFind"), {"id": checkout_id(checkout)})
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]["checkout"]
    return found
