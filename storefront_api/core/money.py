"""Saleor's money types. VND has no minor unit, so amounts are whole đồng."""

from __future__ import annotations

import graphene

from core.money import CURRENCY, format_vnd


class Money(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    amount = graphene.Float(required=True, description="Amount of money.")
    formatted = graphene.String(
        required=True, description="OCOP extension: the amount as shown in Vietnam (120.000 ₫)."
    )

    @staticmethod
    def resolve_formatted(root: Money, info: graphene.ResolveInfo) -> str:
        return format_vnd(int(root.amount))


class TaxedMoney(graphene.ObjectType):
    currency = graphene.String(required=True)
    gross = graphene.Field(Money, required=True)
    net = graphene.Field(Money, required=True)
    tax = graphene.Field(Money, required=True)


class MoneyRange(graphene.ObjectType):
    start = graphene.Field(Money)
    stop = graphene.Field(Money)


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney)
    stop = graphene.Field(TaxedMoney)


def money(amount: int, currency: str = CURRENCY) -> Money:
    return Money(amount=int(amount), currency=currency)


def taxed(amount: int, currency: str = CURRENCY) -> TaxedMoney:
    """Prices are shown tax-inclusive; VAT is not split out for consumers."""
    gross = money(amount, currency)
    return TaxedMoney(currency=currency, gross=gross, net=gross, tax=money(0, currency))
