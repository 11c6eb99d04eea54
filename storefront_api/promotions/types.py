"""Vouchers, gift cards and order discounts in Saleor 3.23's shape (the fields a storefront
reads; the staff-only ones — channel listings, events, codes lists — are not exposed)."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils import translation
from graphene import relay
from graphene_django import DjangoObjectType

from promotions import models
from storefront_api.core.money import Money, money
from storefront_api.core.scalars import PositiveDecimal

DiscountValueTypeEnum = graphene.Enum(
    "DiscountValueTypeEnum", [("FIXED", "fixed"), ("PERCENTAGE", "percentage")]
)
OrderDiscountType = graphene.Enum(
    "OrderDiscountType",
    [
        ("SALE", "sale"),
        ("VOUCHER", "voucher"),
        ("MANUAL", "manual"),
        ("PROMOTION", "promotion"),
        ("ORDER_PROMOTION", "order_promotion"),
    ],
)
VoucherTypeEnum = graphene.Enum(
    "VoucherTypeEnum",
    [
        ("SHIPPING", "shipping"),
        ("ENTIRE_ORDER", "entire_order"),
        ("SPECIFIC_PRODUCT", "specific_product"),
    ],
)


def translated_name(name: str, name_en: str, language: str | None = None) -> str:
    """The English name in English (`language`, else the request's) when there is one,
    else the Vietnamese."""
    english = (language or translation.get_language() or "vi").startswith("en")
    return name_en if english and name_en else name


class Voucher(DjangoObjectType):
    name = graphene.String()
    code = graphene.String()
    usage_limit = graphene.Int()
    used = graphene.Int(required=True)
    start_date = graphene.DateTime(required=True)
    end_date = graphene.DateTime()
    apply_once_per_order = graphene.Boolean(required=True)
    apply_once_per_customer = graphene.Boolean(required=True)
    single_use = graphene.Boolean(required=True)
    only_for_staff = graphene.Boolean(required=True)
    discount_value_type = graphene.Field(DiscountValueTypeEnum, required=True)
    discount_value = graphene.Float()
    currency = graphene.String()
    min_spent = graphene.Field(Money)
    type = graphene.Field(VoucherTypeEnum, required=True)

    class Meta:
        model = models.Voucher
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        """Vouchers are not browsable by id: a storefront reaches one only through its order."""
        return None

    @staticmethod
    def resolve_start_date(root: models.Voucher, info: Any) -> Any:
        return root.starts_at

    @staticmethod
    def resolve_end_date(root: models.Voucher, info: Any) -> Any:
        return root.ends_at

    @staticmethod
    def resolve_apply_once_per_order(root: models.Voucher, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_apply_once_per_customer(root: models.Voucher, info: Any) -> bool:
        return root.limit_per_customer == 1

    @staticmethod
    def resolve_single_use(root: models.Voucher, info: Any) -> bool:
        return root.usage_limit == 1

    @staticmethod
    def resolve_only_for_staff(root: models.Voucher, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_discount_value_type(root: models.Voucher, info: Any) -> str:
        return root.value_type

    @staticmethod
    def resolve_discount_value(root: models.Voucher, info: Any) -> float:
        return float(root.value)

    @staticmethod
    def resolve_currency(root: models.Voucher, info: Any) -> str:
        return "VND"

    @staticmethod
    def resolve_min_spent(root: models.Voucher, info: Any) -> Money | None:
        return money(root.min_spend_amount) if root.min_spend_amount else None

    @staticmethod
    def resolve_type(root: models.Voucher, info: Any) -> str:
        return "specific_product"


class GiftCard(DjangoObjectType):
    display_code = graphene.String(required=True)
    code = graphene.String(
        required=True,
        description=(
            "The whole code to the buyer and admins; to anyone else the masked `displayCode`."
        ),
    )
    last_4_code_chars = graphene.String(required=True, name="last4CodeChars")
    created = graphene.DateTime(required=True)
    expiry_date = graphene.Date()
    is_active = graphene.Boolean(required=True)
    initial_balance = graphene.Field(Money, required=True)
    current_balance = graphene.Field(Money, required=True)

    class Meta:
        model = models.GiftCard
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        """A gift card is seen only on the checkout it is applied to."""
        return None

    @staticmethod
    def resolve_display_code(root: models.GiftCard, info: Any) -> str:
        return f"XXXX-XXXX-XXXX-{root.last_4}"

    @staticmethod
    def resolve_code(root: models.GiftCard, info: Any) -> str:
        """The field that reaches a card decides (`Order.giftCards` sets `code_revealed`);
        a card reached any other way shows its masked code."""
        if getattr(root, "code_revealed", False):
            return root.code
        return GiftCard.resolve_display_code(root, info)

    @staticmethod
    def resolve_last_4_code_chars(root: models.GiftCard, info: Any) -> str:
        return root.last_4

    @staticmethod
    def resolve_created(root: models.GiftCard, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_initial_balance(root: models.GiftCard, info: Any) -> Money:
        return money(root.initial_balance_amount)

    @staticmethod
    def resolve_current_balance(root: models.GiftCard, info: Any) -> Money:
        return money(root.current_balance_amount)


class OrderDiscount(DjangoObjectType):
    type = graphene.Field(OrderDiscountType, required=True)
    name = graphene.String()
    translated_name = graphene.String()
    value_type = graphene.Field(DiscountValueTypeEnum, required=True)
    value = PositiveDecimal(required=True)
    reason = graphene.String()
    amount = graphene.Field(Money, required=True, deprecation_reason="Use `total` instead.")
    total = graphene.Field(Money, required=True)

    class Meta:
        model = models.OrderDiscount
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None

    @staticmethod
    def resolve_type(root: models.OrderDiscount, info: Any) -> str:
        return "voucher"

    @staticmethod
    def resolve_translated_name(root: models.OrderDiscount, info: Any) -> str:
        return translated_name(root.name, root.name_en)

    @staticmethod
    def resolve_reason(root: models.OrderDiscount, info: Any) -> None:
        return None

    @staticmethod
    def resolve_amount(root: models.OrderDiscount, info: Any) -> Money:
        return money(root.amount)

    @staticmethod
    def resolve_total(root: models.OrderDiscount, info: Any) -> Money:
        return money(root.amount)
