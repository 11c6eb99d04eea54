"""Order types, shaped like Saleor 3.23's; the order group, seller, carrier and delivery are
OCOP extensions. Related rows are prefetched by resolvers.prepare_orders (fixed query count).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from django.db.models import Prefetch, prefetch_related_objects
from graphene import relay
from graphene_django import DjangoObjectType

from checkout.delivery import PricedMethod
from orders import models
from orders.permissions import (
    can_manage_order,
    can_view_group,
    can_view_order,
    is_admin,
    is_buyer,
    is_trusted_viewer,
    may_see_gift_card_codes,
    may_see_gift_cards,
)
from payments.charge_status import (
    AuthorizeStatus,
    ChargeStatus,
    authorize_status,
    charge_status,
)
from payments.payment_status import PaymentChargeStatus, order_payment_status
from storefront_api.catalog.channels import channels_of_request
from storefront_api.catalog.types import (
    Image,
    LanguageCodeEnum,
    ThumbnailFormatEnum,
    Weight,
    thumbnail_url,
)
from storefront_api.checkout.addresses import Address, AddressContext
from storefront_api.core.connection import CountableConnection
from storefront_api.core.context import ContextType, NodeContext
from storefront_api.core.enums import enum_from_choices
from storefront_api.core.metadata import ObjectWithMetadata
from storefront_api.core.money import Money, TaxedMoney, money, taxed
from storefront_api.orders.lookups import (
    CHARGES,
    DISCOUNTS,
    prepare_orders,
    resolve_group,
    resolve_order,
)
from storefront_api.promotions.types import translated_name

OrderStatus = enum_from_choices(
    models.OrderStatus,
    name="OrderStatus",
    # Saleor lists the return states before FULFILLED.
    order=(
        "draft",
        "unconfirmed",
        "unfulfilled",
        "partially_fulfilled",
        "partially_returned",
        "returned",
        "fulfilled",
        "canceled",
        "expired",
    ),
)
OrderEventsEnum = enum_from_choices(models.OrderEventType, name="OrderEventsEnum")
PaymentChargeStatusEnum = enum_from_choices(PaymentChargeStatus, name="PaymentChargeStatusEnum")
OrderChargeStatusEnum = enum_from_choices(ChargeStatus, name="OrderChargeStatusEnum")
OrderAuthorizeStatusEnum = enum_from_choices(AuthorizeStatus, name="OrderAuthorizeStatusEnum")


class OrderOriginEnum(graphene.Enum):
    CHECKOUT = "checkout"
    DRAFT = "draft"
    REISSUE = "reissue"
    BULK_CREATE = "bulk_create"


FulfillmentStatus = enum_from_choices(
    models.FulfillmentStatus,
    name="FulfillmentStatus",
    saleor_only=("refunded", "replaced", "refunded_and_returned", "waiting_for_approval"),
    order=(
        "fulfilled",
        "refunded",
        "returned",
        "replaced",
        "refunded_and_returned",
        "canceled",
        "waiting_for_approval",
    ),
)


def _address(address: Any, masked: bool) -> AddressContext | None:
    return None if address is None else AddressContext(address, masked=masked)


@dataclass(frozen=True)
class OrderEventContext(NodeContext[models.OrderEvent]):
    """An event as its order's viewer sees it: the order's staff see who acted."""

    staff_view: bool = False


def plain(value: Any) -> Any:
    """A Django choices member (fresh from Python, not the DB) as its plain value."""
    return getattr(value, "value", value)


def _mask_email(email: str) -> str:
    name, _, domain = email.partition("@")
    return f"{name[:1]}…@{domain}" if domain else email


class OrderLine(DjangoObjectType):
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    product_sku = graphene.String()
    product_variant_id = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    quantity_to_fulfill = graphene.Int(required=True)
    tax_rate = graphene.Float(required=True)
    thumbnail = graphene.Field(
        Image, size=graphene.Int(), format=graphene.Argument(ThumbnailFormatEnum)
    )
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(TaxedMoney, required=True)
    unit_discount = graphene.Field(Money, required=True)
    unit_discount_value = graphene.Float(required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(TaxedMoney, required=True)
    translated_product_name = graphene.String(required=True)
    translated_variant_name = graphene.String(required=True)
    variant = graphene.Field("storefront_api.catalog.types.ProductVariant")
    is_gift = graphene.Boolean()

    class Meta:
        model = models.OrderLine
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None  # reached through its order only

    @staticmethod
    def resolve_product_sku(root: models.OrderLine, info: graphene.ResolveInfo) -> Any:
        return root.product_sku

    @staticmethod
    def resolve_tax_rate(root: Any, info: graphene.ResolveInfo) -> float:
        return 0.0

    @staticmethod
    def resolve_thumbnail(
        root: models.OrderLine,
        info: graphene.ResolveInfo,
        size: int | None = None,
        format: str | None = None,
    ) -> Any:

        variant = root.variant
        if variant is None:
            return None
        media = next(iter(variant.product.media.all()), None)
        if media is None or not media.image:
            return None
        return Image(url=thumbnail_url(info, media, size or 256, format), alt=root.product_name)

    @staticmethod
    def resolve_unit_price(root: models.OrderLine, info: graphene.ResolveInfo) -> Any:
        return taxed(root.unit_price_amount)

    @staticmethod
    def resolve_undiscounted_unit_price(root: models.OrderLine, info: Any) -> Any:
        return taxed(root.unit_price_amount)

    @staticmethod
    def resolve_unit_discount(root: Any, info: graphene.ResolveInfo) -> Any:
        return money(0)

    @staticmethod
    def resolve_unit_discount_value(root: Any, info: graphene.ResolveInfo) -> float:
        return 0.0

    @staticmethod
    def resolve_total_price(root: models.OrderLine, info: graphene.ResolveInfo) -> Any:
        return taxed(root.total_price_amount)

    @staticmethod
    def resolve_undiscounted_total_price(root: models.OrderLine, info: Any) -> Any:
        return taxed(root.total_price_amount)

    @staticmethod
    def resolve_translated_product_name(root: models.OrderLine, info: Any) -> str:
        return ""

    @staticmethod
    def resolve_translated_variant_name(root: models.OrderLine, info: Any) -> str:
        return ""

    @staticmethod
    def resolve_variant(root: models.OrderLine, info: graphene.ResolveInfo) -> Any:
        return root.variant

    @staticmethod
    def resolve_is_gift(root: Any, info: graphene.ResolveInfo) -> bool:
        return False


class OrderEvent(ContextType):
    date = graphene.DateTime()
    type = graphene.Field(OrderEventsEnum)
    user = graphene.Field("storefront_api.account.types.User")
    message = graphene.String()
    email = graphene.String()
    amount = graphene.Float()
    quantity = graphene.Int()
    transaction_reference = graphene.String()
    order_number = graphene.String()
    payment_gateway = graphene.String()
    payment_id = graphene.String()

    context = OrderEventContext

    class Meta:
        model = models.OrderEvent
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None

    @staticmethod
    def resolve_type(root: OrderEventContext, info: graphene.ResolveInfo) -> str:
        return plain(root.node.type)

    @staticmethod
    def resolve_user(root: OrderEventContext, info: graphene.ResolveInfo) -> Any:
        # Who acted is shown to the order's staff only; buyers see what happened.
        return root.node.user if root.staff_view else None

    @staticmethod
    def resolve_message(root: OrderEventContext, info: graphene.ResolveInfo) -> Any:
        return root.node.parameters.get("message")

    @staticmethod
    def resolve_email(root: OrderEventContext, info: graphene.ResolveInfo) -> Any:
        email = root.node.parameters.get("email")
        return email if root.staff_view or not email else _mask_email(email)

    @staticmethod
    def resolve_amount(root: OrderEventContext, info: graphene.ResolveInfo) -> Any:
        return root.node.parameters.get("amount")

    @staticmethod
    def resolve_quantity(root: OrderEventContext, info: graphene.ResolveInfo) -> Any:
        return root.node.parameters.get("quantity")

    @staticmethod
    def resolve_transaction_reference(root: OrderEventContext, info: Any) -> Any:
        return root.node.parameters.get("transaction_reference") or root.node.parameters.get(
            "tracking_number"
        )

    @staticmethod
    def resolve_order_number(root: OrderEventContext, info: graphene.ResolveInfo) -> str:
        return str(root.node.order.number)

    @staticmethod
    def resolve_payment_gateway(root: OrderEventContext, info: graphene.ResolveInfo) -> Any:
        return root.node.parameters.get("payment_gateway")

    @staticmethod
    def resolve_payment_id(root: OrderEventContext, info: graphene.ResolveInfo) -> Any:
        return root.node.parameters.get("payment_id")


class FulfillmentLine(DjangoObjectType):
    quantity = graphene.Int(required=True)
    order_line = graphene.Field(OrderLine)

    class Meta:
        model = models.FulfillmentLine
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None


class Fulfillment(DjangoObjectType):
    fulfillment_order = graphene.Int(required=True)
    status = graphene.Field(FulfillmentStatus, required=True)
    status_display = graphene.String()
    tracking_number = graphene.String(required=True)
    carrier = graphene.String(required=True, description="OCOP: the delivery company.")
    created = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(FulfillmentLine))

    class Meta:
        model = models.Fulfillment
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None

    @staticmethod
    def resolve_status(root: models.Fulfillment, info: graphene.ResolveInfo) -> str:
        return plain(root.status)

    @staticmethod
    def resolve_status_display(root: models.Fulfillment, info: graphene.ResolveInfo) -> str:
        return str(root.get_status_display())

    @staticmethod
    def resolve_created(root: models.Fulfillment, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_lines(root: models.Fulfillment, info: graphene.ResolveInfo) -> Any:
        return list(root.lines.all())


def _discounts(order: models.Order) -> list[Any]:
    """The order's voucher shares, prefetched with a page of orders (`prepare_orders`), or
    loaded once here for a single order."""
    if "discounts" not in getattr(order, "_prefetched_objects_cache", {}):
        prefetch_related_objects([order], Prefetch("discounts", queryset=DISCOUNTS))
    return list(order.discounts.all())


def _gift_card_charges(order: models.Order) -> list[Any]:
    if "gift_card_charges" not in getattr(order, "_prefetched_objects_cache", {}):
        prefetch_related_objects([order], Prefetch("gift_card_charges", queryset=CHARGES))
    return list(order.gift_card_charges.all())


class Order(DjangoObjectType):
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    status = graphene.Field(OrderStatus, required=True)
    status_display = graphene.String(required=True)
    user = graphene.Field("storefront_api.account.types.User")
    user_email = graphene.String()
    tracking_client_id = graphene.String(required=True)
    billing_address = graphene.Field(Address)
    shipping_address = graphene.Field(Address)
    shipping_method_name = graphene.String()
    fulfillments = graphene.List(graphene.NonNull(Fulfillment), required=True)
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    number = graphene.String(required=True)
    origin = graphene.Field(OrderOriginEnum, required=True)
    is_paid = graphene.Boolean(required=True)
    payment_status = graphene.Field(PaymentChargeStatusEnum, required=True)
    payment_status_display = graphene.String(required=True)
    authorize_status = graphene.Field(OrderAuthorizeStatusEnum, required=True)
    charge_status = graphene.Field(OrderChargeStatusEnum, required=True)
    tax_exemption = graphene.Boolean(required=True)
    transactions = graphene.List(
        graphene.NonNull("storefront_api.payments.types.TransactionItem"), required=True
    )
    total = graphene.Field(TaxedMoney, required=True)
    undiscounted_total = graphene.Field(TaxedMoney, required=True)
    undiscounted_shipping_price = graphene.Field(Money, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    shipping_tax_rate = graphene.Float(required=True)
    token = graphene.String(required=True, deprecation_reason="Use `id` instead.")
    voucher_code = graphene.String()
    voucher = graphene.Field("storefront_api.promotions.types.Voucher")
    discounts = graphene.List(
        graphene.NonNull("storefront_api.promotions.types.OrderDiscount"), required=True
    )
    discount = graphene.Field(Money, deprecation_reason="Use the `discounts` field instead.")
    discount_name = graphene.String(deprecation_reason="Use the `discounts` field instead.")
    translated_discount_name = graphene.String(
        deprecation_reason="Use the `discounts` field instead."
    )
    gift_cards = graphene.List(
        graphene.NonNull("storefront_api.promotions.types.GiftCard"), required=True
    )
    customer_note = graphene.String(required=True)
    weight = graphene.Field(Weight, required=True)
    redirect_url = graphene.String()
    subtotal = graphene.Field(TaxedMoney, required=True)
    can_finalize = graphene.Boolean(required=True)
    total_authorized = graphene.Field(Money, required=True)
    total_captured = graphene.Field(
        Money, required=True, deprecation_reason="Use `totalCharged` instead."
    )
    total_charged = graphene.Field(Money, required=True)
    total_canceled = graphene.Field(Money, required=True)
    total_refunded = graphene.Field(Money, required=True)
    total_balance = graphene.Field(Money, required=True)
    events = graphene.List(graphene.NonNull(OrderEvent), required=True)
    is_shipping_required = graphene.Boolean(required=True)
    language_code_enum = graphene.Field(LanguageCodeEnum, required=True)
    display_gross_prices = graphene.Boolean(required=True)
    checkout_id = graphene.ID()
    # OCOP extensions.
    seller = graphene.Field(
        "storefront_api.sellers.types.Seller", required=True, description="OCOP: who ships it."
    )
    order_group = graphene.Field(
        lambda: OrderGroup, description="OCOP: the whole purchase this order is part of."
    )
    tracking_number = graphene.String(required=True, description="OCOP: the latest tracking code.")
    carrier = graphene.String(required=True, description="OCOP: the delivery company.")
    delivered_at = graphene.DateTime(description="OCOP: when the parcel reached the buyer.")
    paid_at = graphene.DateTime(description="OCOP: when the order was fully paid.")
    canceled_at = graphene.DateTime()
    cancel_reason = graphene.String(description="OCOP: why the seller canceled it.")
    payment_gateway = graphene.String(required=True, description="OCOP: ocop.cod or ocop.stripe.")
    channel = graphene.Field("storefront_api.catalog.channels.Channel", required=True)
    delivery_method = graphene.Field(
        "storefront_api.checkout.types.DeliveryMethod",
        description="The seller's delivery method chosen at checkout, at the price paid.",
    )

    class Meta:
        model = models.Order
        interfaces = (relay.Node, ObjectWithMetadata)
        fields = ("id",)

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(info.context.user)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> models.Order | None:
        """Exactly `order(id:)`: the same `visible_to`, prepared the same way."""
        return resolve_order(info, id)

    @staticmethod
    def resolve_created(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_status(root: models.Order, info: graphene.ResolveInfo) -> str:
        return plain(root.status)

    @staticmethod
    def resolve_status_display(root: models.Order, info: graphene.ResolveInfo) -> str:
        return str(root.get_status_display())

    @staticmethod
    def resolve_user(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return root.user if is_trusted_viewer(info.context.user, root) else None

    @staticmethod
    def resolve_user_email(root: models.Order, info: graphene.ResolveInfo) -> Any:
        if is_trusted_viewer(info.context.user, root):
            return root.user_email
        return _mask_email(root.user_email)

    @staticmethod
    def resolve_tracking_client_id(root: Any, info: graphene.ResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_billing_address(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return _address(root.billing_address, not is_trusted_viewer(info.context.user, root))

    @staticmethod
    def resolve_shipping_address(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return _address(root.shipping_address, not is_trusted_viewer(info.context.user, root))

    @staticmethod
    def resolve_shipping_method_name(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return root.shipping_method_name or None

    @staticmethod
    def resolve_channel(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return channels_of_request(info)[root.channel_id]

    @staticmethod
    def resolve_delivery_method(root: models.Order, info: graphene.ResolveInfo) -> Any:
        # The method as it is now, priced as this order paid (a deleted one reads null:
        # `shippingMethodName` keeps its name).
        method = root.shipping_method
        return None if method is None else PricedMethod(method, root.shipping_price_amount)

    @staticmethod
    def resolve_fulfillments(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return list(root.fulfillments.all())

    @staticmethod
    def resolve_lines(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return list(root.lines.all())

    @staticmethod
    def resolve_number(root: models.Order, info: graphene.ResolveInfo) -> str:
        return str(root.number)

    @staticmethod
    def resolve_origin(root: Any, info: graphene.ResolveInfo) -> str:
        return "checkout"

    @staticmethod
    def resolve_is_paid(root: models.Order, info: graphene.ResolveInfo) -> bool:
        return root.is_paid

    @staticmethod
    def resolve_payment_status(root: models.Order, info: graphene.ResolveInfo) -> str:
        return order_payment_status(root).value

    @staticmethod
    def resolve_payment_status_display(root: models.Order, info: graphene.ResolveInfo) -> str:
        return str(order_payment_status(root).label)

    @staticmethod
    def resolve_authorize_status(root: models.Order, info: graphene.ResolveInfo) -> str:
        return authorize_status(root.charged_amount, root.total_amount).value

    @staticmethod
    def resolve_charge_status(root: models.Order, info: graphene.ResolveInfo) -> str:
        return charge_status(root.charged_amount, root.total_amount).value

    @staticmethod
    def resolve_tax_exemption(root: Any, info: graphene.ResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_transactions(root: models.Order, info: graphene.ResolveInfo) -> Any:
        if not is_trusted_viewer(info.context.user, root):
            return []
        return list(root.group.transactions.all())

    @staticmethod
    def resolve_total(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return taxed(root.total_amount)

    @staticmethod
    def resolve_undiscounted_total(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return taxed(root.total_amount + sum(d.amount for d in _discounts(root)))

    @staticmethod
    def resolve_discounts(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return list(_discounts(root))

    @staticmethod
    def resolve_voucher(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return next((d.voucher for d in _discounts(root) if d.voucher is not None), None)

    @staticmethod
    def resolve_voucher_code(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return next((d.code for d in _discounts(root)), None)

    @staticmethod
    def resolve_discount(root: models.Order, info: graphene.ResolveInfo) -> Any:
        found = list(_discounts(root))
        return money(sum(d.amount for d in found)) if found else None

    @staticmethod
    def resolve_discount_name(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return next((d.name for d in _discounts(root)), None)

    @staticmethod
    def resolve_translated_discount_name(root: models.Order, info: Any) -> Any:
        return next((translated_name(d.name, d.name_en) for d in _discounts(root)), None)

    @staticmethod
    def resolve_gift_cards(root: models.Order, info: graphene.ResolveInfo) -> Any:
        """Only to the buyer and admins (`may_see_gift_cards`); the whole code only to the
        signed-in buyer and admins (`GiftCard.code` reads the flag set here)."""
        user = info.context.user
        if not may_see_gift_cards(user, root):
            return []
        cards = list({c.gift_card_id: c.gift_card for c in _gift_card_charges(root)}.values())
        reveal = may_see_gift_card_codes(user, root)
        for card in cards:
            card.code_revealed = reveal
        return cards

    @staticmethod
    def resolve_undiscounted_shipping_price(root: models.Order, info: Any) -> Any:
        return money(root.shipping_price_amount)

    @staticmethod
    def resolve_shipping_price(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return taxed(root.shipping_price_amount)

    @staticmethod
    def resolve_shipping_tax_rate(root: Any, info: graphene.ResolveInfo) -> float:
        return 0.0

    @staticmethod
    def resolve_token(root: models.Order, info: graphene.ResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_weight(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return Weight(unit="g", value=root.weight_grams)

    @staticmethod
    def resolve_subtotal(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return taxed(root.subtotal_amount)

    @staticmethod
    def resolve_can_finalize(root: Any, info: graphene.ResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_total_authorized(root: Any, info: graphene.ResolveInfo) -> Any:
        return money(0)

    @staticmethod
    def resolve_total_captured(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return money(root.charged_amount)

    @staticmethod
    def resolve_total_charged(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return money(root.charged_amount)

    @staticmethod
    def resolve_total_canceled(root: Any, info: graphene.ResolveInfo) -> Any:
        return money(0)

    @staticmethod
    def resolve_total_refunded(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return money(root.refunded_amount)

    @staticmethod
    def resolve_total_balance(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return money(root.charged_amount - root.refunded_amount - root.total_amount)

    @staticmethod
    def resolve_events(root: models.Order, info: graphene.ResolveInfo) -> Any:

        staff = can_manage_order(info.context.user, root)
        return [OrderEventContext(event, staff_view=staff) for event in root.events.all()]

    @staticmethod
    def resolve_language_code_enum(root: models.Order, info: graphene.ResolveInfo) -> str:
        return "en" if root.group.language_code == "en" else "vi"

    @staticmethod
    def resolve_display_gross_prices(root: Any, info: graphene.ResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_checkout_id(root: models.Order, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id("Checkout", root.group.checkout_token)

    @staticmethod
    def resolve_seller(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return root.seller

    @staticmethod
    def resolve_order_group(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return root.group if can_view_group(info.context.user, root.group) else None


class OrderCountableConnection(CountableConnection):
    class Meta:
        node = Order


class OrderGroup(DjangoObjectType):
    """OCOP extension: what the buyer paid for in one checkout, split into seller orders."""

    number = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    user_email = graphene.String()
    orders = graphene.List(graphene.NonNull(Order), required=True)
    subtotal = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total = graphene.Field(TaxedMoney, required=True)
    total_charged = graphene.Field(Money, required=True)
    is_paid = graphene.Boolean(required=True)
    charge_status = graphene.Field(OrderChargeStatusEnum, required=True)
    payment_gateway = graphene.String(required=True)
    payment_due_at = graphene.DateTime(
        description="A card payment must arrive before this, or the orders expire."
    )
    transactions = graphene.List(
        graphene.NonNull("storefront_api.payments.types.TransactionItem"), required=True
    )

    class Meta:
        model = models.OrderGroup
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(info.context.user)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> models.OrderGroup | None:
        """Exactly `orderGroup(id:)` (the same `visible_to`; a malformed id is no group)."""
        return resolve_group(info, id)

    @staticmethod
    def resolve_number(root: models.OrderGroup, info: graphene.ResolveInfo) -> str:
        return str(root.number)

    @staticmethod
    def resolve_created(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_user_email(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:

        user = info.context.user
        if is_admin(user) or is_buyer(user, root):
            return root.user_email
        return _mask_email(root.user_email)

    @staticmethod
    def resolve_orders(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        user = info.context.user
        orders = [
            o for o in prepare_orders(list(root.orders.all()), info) if can_view_order(user, o)
        ]
        return sorted(orders, key=lambda o: o.number)

    @staticmethod
    def resolve_subtotal(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        return taxed(root.subtotal_amount)

    @staticmethod
    def resolve_shipping_price(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        return taxed(root.shipping_amount)

    @staticmethod
    def resolve_total(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        return taxed(root.total_amount)

    @staticmethod
    def resolve_total_charged(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        return money(sum(o.charged_amount for o in root.orders.all()))

    @staticmethod
    def resolve_is_paid(root: models.OrderGroup, info: graphene.ResolveInfo) -> bool:
        orders = list(root.orders.all())
        return bool(orders) and all(o.is_paid for o in orders)

    @staticmethod
    def resolve_charge_status(root: models.OrderGroup, info: graphene.ResolveInfo) -> str:
        charged = sum(o.charged_amount for o in root.orders.all())
        return charge_status(charged, root.total_amount).value

    @staticmethod
    def resolve_transactions(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        return list(root.transactions.all())
