"""Checkout types, shaped like Saleor 3.23's; per-seller delivery is an OCOP extension.

A checkout's lines, prices and delivery options are computed once per request
(fetch_checkout_info, a fixed number of queries) and cached on the model instance; its
lines' variants are shown in the checkout's channel (a `ChannelContext`).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import graphene
from graphene import relay
from graphene_django import DjangoObjectType

from checkout import models
from checkout.delivery import PricedMethod
from checkout.fetch import CheckoutInfo, LineInfo, SellerPart, fetch_checkout_info
from checkout.visibility import (
    can_see_checkout as can_see_checkout,  # the checkout mutations import it from here
)
from payments.charge_status import checkout_authorize_status, checkout_charge_status
from payments.gateways import available_gateways
from payments.models import Transaction
from payments.payment_status import checkout_charged
from storefront_api.catalog.types import LanguageCodeEnum, Warehouse, Weight, editorjs
from storefront_api.checkout.addresses import Address
from storefront_api.checkout.enums import (
    CheckoutAuthorizeStatusEnum,
    CheckoutChargeStatusEnum,
    ShippingMethodTypeEnum,
    ShippingServiceLevelEnum,
)
from storefront_api.checkout.mutations.delivery import delivery_id
from storefront_api.checkout.problems import (
    CheckoutLineProblem,
    CheckoutProblem,
    all_problems,
    line_problems,
)
from storefront_api.core.context import ChannelContext
from storefront_api.core.metadata import ObjectWithMetadata
from storefront_api.core.money import Money, TaxedMoney, money, taxed
from storefront_api.promotions.types import GiftCard, translated_name


def checkout_info(checkout: models.Checkout) -> CheckoutInfo:
    cached = getattr(checkout, "_info", None)
    if cached is None:
        cached = fetch_checkout_info(checkout)
        checkout._info = cached  # type: ignore[attr-defined]
    return cached


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True)
    value = graphene.String()


class PaymentGateway(graphene.ObjectType):
    name = graphene.String(required=True)
    id = graphene.ID(required=True)
    config = graphene.List(graphene.NonNull(GatewayConfigLine), required=True)
    currencies = graphene.List(graphene.NonNull(graphene.String), required=True)


def payment_gateways() -> list[PaymentGateway]:
    return [
        PaymentGateway(
            id=gateway.id,
            name=gateway.name,
            currencies=["VND"],
            config=[
                GatewayConfigLine(field=key, value=None if value is None else str(value))
                for key, value in gateway.client_config().items()
            ],
        )
        for gateway in available_gateways()
    ]


class ShippingMethod(graphene.ObjectType):
    """One seller's delivery method, priced for that seller's part of this checkout."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    description = graphene.JSONString()
    type = graphene.Field(ShippingMethodTypeEnum)
    minimum_delivery_days = graphene.Int()
    maximum_delivery_days = graphene.Int()
    price = graphene.Field(Money, required=True)
    maximum_order_price = graphene.Field(Money)
    minimum_order_price = graphene.Field(Money)
    maximum_order_weight = graphene.Field(Weight)
    minimum_order_weight = graphene.Field(Weight)
    active = graphene.Boolean(required=True)
    message = graphene.String()
    seller = graphene.Field(
        "storefront_api.sellers.types.Seller", required=True, description="OCOP: whose method."
    )
    service_level = graphene.Field(ShippingServiceLevelEnum, required=True)
    is_default = graphene.Boolean(required=True)
    free_above = graphene.Field(Money, description="OCOP: free when the seller's part reaches.")

    @staticmethod
    def resolve_id(root: PricedMethod, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id("ShippingMethod", root.method.pk)

    @staticmethod
    def resolve_name(root: PricedMethod, info: graphene.ResolveInfo) -> str:
        return root.method.name

    @staticmethod
    def resolve_description(root: PricedMethod, info: graphene.ResolveInfo) -> Any:
        return editorjs(root.method.description)

    @staticmethod
    def resolve_type(root: PricedMethod, info: graphene.ResolveInfo) -> str:
        return "weight" if root.method.rate_kind == "weight" else "price"

    @staticmethod
    def resolve_minimum_delivery_days(root: PricedMethod, info: graphene.ResolveInfo) -> Any:
        return root.method.min_delivery_days

    @staticmethod
    def resolve_maximum_delivery_days(root: PricedMethod, info: graphene.ResolveInfo) -> Any:
        return root.method.max_delivery_days

    @staticmethod
    def resolve_price(root: PricedMethod, info: graphene.ResolveInfo) -> Money:
        return money(root.price)

    @staticmethod
    def resolve_maximum_order_weight(root: PricedMethod, info: graphene.ResolveInfo) -> Any:
        grams = root.method.max_weight_grams
        return Weight(unit="g", value=grams) if grams is not None else None

    @staticmethod
    def resolve_active(root: PricedMethod, info: graphene.ResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_seller(root: PricedMethod, info: graphene.ResolveInfo) -> Any:
        return root.method.seller

    @staticmethod
    def resolve_service_level(root: PricedMethod, info: graphene.ResolveInfo) -> str:
        return getattr(root.method.service_level, "value", root.method.service_level)

    @staticmethod
    def resolve_is_default(root: PricedMethod, info: graphene.ResolveInfo) -> bool:
        return root.method.is_default

    @staticmethod
    def resolve_free_above(root: PricedMethod, info: graphene.ResolveInfo) -> Any:
        amount = root.method.free_above_amount
        return money(amount) if amount is not None else None


class DeliveryMethod(graphene.Union):
    """Saleor's union; collection points (Warehouse) are not offered, so it is always a
    ShippingMethod (Warehouse is a member so storefront fragments on it validate)."""

    class Meta:
        types = (Warehouse, ShippingMethod)

    @classmethod
    def resolve_type(cls, instance: Any, info: graphene.ResolveInfo) -> Any:
        return ShippingMethod


class Delivery(graphene.ObjectType):
    id = graphene.ID(required=True)
    shipping_method = graphene.Field(ShippingMethod)


class CheckoutLine(graphene.ObjectType):
    variant = graphene.Field("storefront_api.catalog.types.ProductVariant", required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(Money, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(Money, required=True)
    requires_shipping = graphene.Boolean(required=True)
    is_gift = graphene.Boolean()
    problems = graphene.List(graphene.NonNull(CheckoutLineProblem))

    class Meta:
        interfaces = (relay.Node,)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None  # reached through its checkout only

    @staticmethod
    def resolve_variant(root: LineInfo, info: graphene.ResolveInfo) -> Any:
        return ChannelContext(root.variant, root.line.checkout.channel)

    @staticmethod
    def resolve_quantity(root: LineInfo, info: graphene.ResolveInfo) -> int:
        return root.quantity

    @staticmethod
    def resolve_unit_price(root: LineInfo, info: graphene.ResolveInfo) -> Any:
        return taxed(root.unit_price or 0)

    @staticmethod
    def resolve_undiscounted_unit_price(root: LineInfo, info: graphene.ResolveInfo) -> Any:
        return money(root.undiscounted_unit_price or 0)

    @staticmethod
    def resolve_total_price(root: LineInfo, info: graphene.ResolveInfo) -> Any:
        return taxed(root.total_price)

    @staticmethod
    def resolve_undiscounted_total_price(root: LineInfo, info: graphene.ResolveInfo) -> Any:
        return money(root.undiscounted_total_price)

    @staticmethod
    def resolve_requires_shipping(root: LineInfo, info: graphene.ResolveInfo) -> bool:
        return root.requires_shipping

    @staticmethod
    def resolve_is_gift(root: LineInfo, info: graphene.ResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_id(root: LineInfo, info: graphene.ResolveInfo) -> str:
        return str(root.line.pk)

    @staticmethod
    def resolve_problems(root: LineInfo, info: graphene.ResolveInfo) -> Any:
        return line_problems(checkout_info(root.line.checkout), root)


class CheckoutSellerDelivery(graphene.ObjectType):
    """OCOP extension: one seller's part of the cart and its delivery."""

    seller = graphene.Field("storefront_api.sellers.types.Seller", required=True)
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True)
    is_shipping_required = graphene.Boolean(required=True)
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True)
    shipping_method = graphene.Field(ShippingMethod)
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)

    @staticmethod
    def resolve_seller(root: SellerPart, info: graphene.ResolveInfo) -> Any:
        return root.seller

    @staticmethod
    def resolve_lines(root: SellerPart, info: graphene.ResolveInfo) -> Any:
        return root.lines

    @staticmethod
    def resolve_is_shipping_required(root: SellerPart, info: graphene.ResolveInfo) -> bool:
        return root.requires_shipping

    @staticmethod
    def resolve_shipping_methods(root: SellerPart, info: graphene.ResolveInfo) -> Any:
        return root.options if root.requires_shipping else []

    @staticmethod
    def resolve_shipping_method(root: SellerPart, info: graphene.ResolveInfo) -> Any:
        return root.chosen if root.requires_shipping else None

    @staticmethod
    def resolve_subtotal_price(root: SellerPart, info: graphene.ResolveInfo) -> Any:
        return taxed(root.subtotal)

    @staticmethod
    def resolve_shipping_price(root: SellerPart, info: graphene.ResolveInfo) -> Any:
        return taxed(root.shipping_price)

    @staticmethod
    def resolve_total_price(root: SellerPart, info: graphene.ResolveInfo) -> Any:
        return taxed(root.total)


def _primary(checkout: models.Checkout) -> PricedMethod | None:
    """The method a Saleor client sees as chosen: its own pick, priced for its seller."""
    parts = checkout_info(checkout).parts
    chosen = [p.chosen for p in parts if p.chosen is not None and p.requires_shipping]
    if not chosen:
        return None
    return next((c for c in chosen if c.method.pk == checkout.delivery_method_id), chosen[0])


class Checkout(DjangoObjectType):
    token = graphene.UUID(required=True)
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    last_change = graphene.DateTime(required=True, deprecation_reason="Use `updatedAt` instead.")
    user = graphene.Field("storefront_api.account.types.User")
    email = graphene.String()
    billing_address = graphene.Field(Address)
    shipping_address = graphene.Field(Address)
    customer_note = graphene.String(required=True)
    note = graphene.String(required=True, deprecation_reason="Use `customerNote` instead.")
    discount = graphene.Field(Money)
    discount_name = graphene.String()
    translated_discount_name = graphene.String()
    voucher_code = graphene.String()
    gift_cards = graphene.List(graphene.NonNull(GiftCard), required=True)
    problems = graphene.List(graphene.NonNull(CheckoutProblem))
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True)
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True)
    available_shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        required=True,
        deprecation_reason="Use `shippingMethods` instead.",
    )
    available_payment_gateways = graphene.List(graphene.NonNull(PaymentGateway), required=True)
    shipping_method = graphene.Field(ShippingMethod, deprecation_reason="Use `delivery` instead.")
    delivery_method = graphene.Field(DeliveryMethod, deprecation_reason="Use `delivery` instead.")
    delivery = graphene.Field(Delivery)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    total_balance = graphene.Field(Money, required=True)
    language_code = graphene.Field(LanguageCodeEnum, required=True)
    transactions = graphene.List(graphene.NonNull("storefront_api.payments.types.TransactionItem"))
    display_gross_prices = graphene.Boolean(required=True)
    tax_exemption = graphene.Boolean(required=True)
    authorize_status = graphene.Field(CheckoutAuthorizeStatusEnum, required=True)
    charge_status = graphene.Field(CheckoutChargeStatusEnum, required=True)
    stock_reservation_expires = graphene.DateTime()
    channel = graphene.Field("storefront_api.catalog.channels.Channel", required=True)
    seller_deliveries = graphene.List(
        graphene.NonNull(CheckoutSellerDelivery),
        required=True,
        description="OCOP extension: the cart split by seller, each with its delivery.",
    )

    class Meta:
        model = models.Checkout
        interfaces = (relay.Node, ObjectWithMetadata)
        fields = ("id",)

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(info.context.user).select_related("channel", "delivery_method")

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> models.Checkout | None:
        """`checkout(id:)` and `node(id:)`: a cart visible to the caller (a malformed id is
        no cart)."""
        try:
            token = uuid.UUID(str(id))
        except ValueError:
            return None
        found: models.Checkout | None = (
            cls.get_queryset(models.Checkout.objects, info).filter(pk=token).first()
        )
        return found

    @staticmethod
    def resolve_token(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return root.token

    @staticmethod
    def resolve_created(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_last_change(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return root.updated_at

    @staticmethod
    def resolve_user(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return root.user if root.user_id else None

    @staticmethod
    def resolve_email(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return root.email or None

    @staticmethod
    def resolve_note(root: models.Checkout, info: graphene.ResolveInfo) -> str:
        return root.customer_note

    @staticmethod
    def resolve_discount(root: models.Checkout, info: graphene.ResolveInfo) -> Money:
        return money(checkout_info(root).discount)

    @staticmethod
    def resolve_discount_name(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        voucher = checkout_info(root).promotions.voucher
        return voucher.name if voucher is not None else None

    @staticmethod
    def resolve_translated_discount_name(root: models.Checkout, info: Any) -> Any:
        voucher = checkout_info(root).promotions.voucher
        if voucher is None:
            return None
        return translated_name(voucher.name, voucher.name_en, root.language_code)

    @staticmethod
    def resolve_voucher_code(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        voucher = checkout_info(root).promotions.voucher
        return voucher.code if voucher is not None else None

    @staticmethod
    def resolve_gift_cards(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return checkout_info(root).promotions.gift_cards

    @staticmethod
    def resolve_problems(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return all_problems(checkout_info(root))

    @staticmethod
    def resolve_is_shipping_required(root: models.Checkout, info: graphene.ResolveInfo) -> bool:
        return checkout_info(root).is_shipping_required

    @staticmethod
    def resolve_quantity(root: models.Checkout, info: graphene.ResolveInfo) -> int:
        return checkout_info(root).quantity

    @staticmethod
    def resolve_lines(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return checkout_info(root).lines

    @staticmethod
    def resolve_shipping_methods(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return checkout_info(root).shipping_options()

    @staticmethod
    def resolve_available_shipping_methods(root: models.Checkout, info: Any) -> Any:
        return checkout_info(root).shipping_options()

    @staticmethod
    def resolve_available_payment_gateways(root: models.Checkout, info: Any) -> Any:
        return payment_gateways()

    @staticmethod
    def resolve_channel(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return root.channel

    @staticmethod
    def resolve_shipping_method(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return _primary(root)

    @staticmethod
    def resolve_delivery_method(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return _primary(root)

    @staticmethod
    def resolve_delivery(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        chosen = _primary(root)
        if chosen is None:
            return None
        return Delivery(id=delivery_id(chosen.method.pk), shipping_method=chosen)

    @staticmethod
    def resolve_shipping_price(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return taxed(checkout_info(root).shipping_price)

    @staticmethod
    def resolve_subtotal_price(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return taxed(checkout_info(root).subtotal)

    @staticmethod
    def resolve_total_price(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return taxed(checkout_info(root).total)

    @staticmethod
    def resolve_total_balance(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return money(checkout_charged(root.pk) - checkout_info(root).total)

    @staticmethod
    def resolve_language_code(root: models.Checkout, info: graphene.ResolveInfo) -> str:
        return "en" if root.language_code == "en" else "vi"

    @staticmethod
    def resolve_transactions(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return list(Transaction.objects.filter(checkout_token=root.pk).order_by("created_at"))

    @staticmethod
    def resolve_display_gross_prices(root: Any, info: graphene.ResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_tax_exemption(root: Any, info: graphene.ResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_authorize_status(root: models.Checkout, info: graphene.ResolveInfo) -> str:
        charged = checkout_charged(root.pk)
        return checkout_authorize_status(charged, checkout_info(root).total).value

    @staticmethod
    def resolve_charge_status(root: models.Checkout, info: graphene.ResolveInfo) -> str:
        charged = checkout_charged(root.pk)
        return checkout_charge_status(charged, checkout_info(root).total).value

    @staticmethod
    def resolve_seller_deliveries(root: models.Checkout, info: graphene.ResolveInfo) -> Any:
        return checkout_info(root).parts


def confirmation_data(data: dict[str, Any] | None) -> str | None:
    return json.dumps(data) if data else None
