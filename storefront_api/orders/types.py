"""Order types, shaped like Saleor 3.23's; the order group, seller, carrier and delivery are
OCOP extensions. Related rows are prefetched by resolvers.prepare_orders (fixed query count).
"""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy, pgettext_lazy
from graphene import relay
from graphene_django import DjangoObjectType

from orders import models
from orders.permissions import (
    can_view_group,
    can_view_order,
    is_trusted_viewer,
)
from payments.models import TransactionStatus
from storefront_api.catalog.types import Image, LanguageCodeEnum, Weight
from storefront_api.checkout.addresses import Address
from storefront_api.core.connection import CountableConnection
from storefront_api.core.money import Money, TaxedMoney, money, taxed


class OrderStatus(graphene.Enum):
    DRAFT = "draft"
    UNCONFIRMED = "unconfirmed"
    UNFULFILLED = "unfulfilled"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    PARTIALLY_RETURNED = "partially_returned"
    RETURNED = "returned"
    FULFILLED = "fulfilled"
    CANCELED = "canceled"
    EXPIRED = "expired"


class OrderEventsEnum(graphene.Enum):
    PLACED = "placed"
    PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT = "placed_automatically_from_paid_checkout"
    CONFIRMED = "confirmed"
    CANCELED = "canceled"
    EXPIRED = "expired"
    ORDER_MARKED_AS_PAID = "order_marked_as_paid"
    ORDER_FULLY_PAID = "order_fully_paid"
    PAYMENT_CAPTURED = "payment_captured"
    PAYMENT_FAILED = "payment_failed"
    PAYMENT_REFUNDED = "payment_refunded"
    TRANSACTION_REFUND_REQUESTED = "transaction_refund_requested"
    FULFILLMENT_FULFILLED_ITEMS = "fulfillment_fulfilled_items"
    TRACKING_UPDATED = "tracking_updated"
    EMAIL_SENT = "email_sent"
    NOTE_ADDED = "note_added"
    OTHER = "other"


class PaymentChargeStatusEnum(graphene.Enum):
    NOT_CHARGED = "not_charged"
    PENDING = "pending"
    PARTIALLY_CHARGED = "partially_charged"
    FULLY_CHARGED = "fully_charged"
    PARTIALLY_REFUNDED = "partially_refunded"
    FULLY_REFUNDED = "fully_refunded"
    REFUSED = "refused"
    CANCELLED = "cancelled"


class OrderChargeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    OVERCHARGED = "overcharged"


class OrderAuthorizeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class OrderOriginEnum(graphene.Enum):
    CHECKOUT = "checkout"
    DRAFT = "draft"
    REISSUE = "reissue"
    BULK_CREATE = "bulk_create"


class FulfillmentStatus(graphene.Enum):
    FULFILLED = "fulfilled"
    REFUNDED = "refunded"
    RETURNED = "returned"
    REPLACED = "replaced"
    REFUNDED_AND_RETURNED = "refunded_and_returned"
    CANCELED = "canceled"
    WAITING_FOR_APPROVAL = "waiting_for_approval"


_PAYMENT_DISPLAY = {
    "not_charged": gettext_lazy("Not charged"),
    "pending": pgettext_lazy("payment status", "Pending"),
    "partially_charged": gettext_lazy("Partially charged"),
    "fully_charged": gettext_lazy("Fully charged"),
    "partially_refunded": gettext_lazy("Partially refunded"),
    "fully_refunded": gettext_lazy("Fully refunded"),
    "refused": gettext_lazy("Refused"),
    "cancelled": gettext_lazy("Cancelled"),
}


def payment_status(order: models.Order) -> str:
    """Saleor's legacy paymentStatus, from the order's amounts and its card transaction."""
    if order.refunded_amount > 0:
        return (
            "fully_refunded"
            if order.refunded_amount >= order.charged_amount
            else "partially_refunded"
        )
    if order.charged_amount >= order.total_amount and (order.total_amount or order.paid_at):
        return "fully_charged"
    if order.charged_amount > 0:
        return "partially_charged"
    if order.payment_gateway == models.PaymentGatewayId.STRIPE:
        statuses = {t.status for t in order.group.transactions.all()}
        if TransactionStatus.PENDING in statuses:
            return "pending" if order.status not in models.CLOSED_STATUSES else "cancelled"
        if statuses & {TransactionStatus.FAILED}:
            return "refused"
        if statuses & {TransactionStatus.CANCELED}:
            return "cancelled"
    return "not_charged"


def charge_status(charged: int, total: int) -> str:
    if charged <= 0:
        return "none" if total > 0 else "full"
    if charged < total:
        return "partial"
    return "overcharged" if charged > total else "full"


def _address(address: Any, masked: bool) -> Any:
    if address is not None and masked:
        address.masked = True
    return address


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
    thumbnail = graphene.Field(Image, size=graphene.Int(), format=graphene.String())
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
        from storefront_api.catalog.types import thumbnail_url

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


class OrderEvent(DjangoObjectType):
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

    class Meta:
        model = models.OrderEvent
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None

    @staticmethod
    def resolve_type(root: models.OrderEvent, info: graphene.ResolveInfo) -> str:
        return plain(root.type)

    @staticmethod
    def resolve_user(root: models.OrderEvent, info: graphene.ResolveInfo) -> Any:
        # Who acted is shown to the order's staff only; buyers see what happened.
        return root.user if getattr(root, "staff_view", False) else None

    @staticmethod
    def resolve_message(root: models.OrderEvent, info: graphene.ResolveInfo) -> Any:
        return root.parameters.get("message")

    @staticmethod
    def resolve_email(root: models.OrderEvent, info: graphene.ResolveInfo) -> Any:
        email = root.parameters.get("email")
        return email if getattr(root, "staff_view", False) or not email else _mask_email(email)

    @staticmethod
    def resolve_amount(root: models.OrderEvent, info: graphene.ResolveInfo) -> Any:
        return root.parameters.get("amount")

    @staticmethod
    def resolve_quantity(root: models.OrderEvent, info: graphene.ResolveInfo) -> Any:
        return root.parameters.get("quantity")

    @staticmethod
    def resolve_transaction_reference(root: models.OrderEvent, info: Any) -> Any:
        return root.parameters.get("transaction_reference") or root.parameters.get(
            "tracking_number"
        )

    @staticmethod
    def resolve_order_number(root: models.OrderEvent, info: graphene.ResolveInfo) -> str:
        return str(root.order.number)

    @staticmethod
    def resolve_payment_gateway(root: models.OrderEvent, info: graphene.ResolveInfo) -> Any:
        return root.parameters.get("payment_gateway")

    @staticmethod
    def resolve_payment_id(root: models.OrderEvent, info: graphene.ResolveInfo) -> Any:
        return root.parameters.get("payment_id")


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

    class Meta:
        model = models.Order
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        return queryset.visible_to(info.context.user)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> models.Order | None:
        """Exactly `order(id:)`: the same `visible_to`, prepared the same way."""
        from storefront_api.orders.resolvers import resolve_order

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
        return payment_status(root)

    @staticmethod
    def resolve_payment_status_display(root: models.Order, info: graphene.ResolveInfo) -> str:
        return str(_PAYMENT_DISPLAY[payment_status(root)])

    @staticmethod
    def resolve_authorize_status(root: models.Order, info: graphene.ResolveInfo) -> str:
        status = charge_status(root.charged_amount, root.total_amount)
        return "full" if status == "overcharged" else status

    @staticmethod
    def resolve_charge_status(root: models.Order, info: graphene.ResolveInfo) -> str:
        return charge_status(root.charged_amount, root.total_amount)

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
        return taxed(root.total_amount)

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
        from orders.permissions import can_manage_order

        staff = can_manage_order(info.context.user, root)
        events = list(root.events.all())
        for item in events:
            item.staff_view = staff  # type: ignore[attr-defined]
            item.order = root
        return events

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
        from storefront_api.orders.resolvers import resolve_group

        return resolve_group(info, id)

    @staticmethod
    def resolve_number(root: models.OrderGroup, info: graphene.ResolveInfo) -> str:
        return str(root.number)

    @staticmethod
    def resolve_created(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_user_email(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        from orders.permissions import is_admin, is_buyer

        user = info.context.user
        if is_admin(user) or is_buyer(user, root):
            return root.user_email
        return _mask_email(root.user_email)

    @staticmethod
    def resolve_orders(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        from storefront_api.orders.resolvers import prepare_orders

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
        return charge_status(sum(o.charged_amount for o in root.orders.all()), root.total_amount)

    @staticmethod
    def resolve_transactions(root: models.OrderGroup, info: graphene.ResolveInfo) -> Any:
        return list(root.transactions.all())
