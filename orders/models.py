"""Orders, split by seller: one `OrderGroup` per paid-for cart, one `Order` per seller.

Statuses, events and line fields follow Saleor; lines are denormalized (name, SKU, unit
price at purchase) so a later catalog change never rewrites history. Commission and
withheld taxes are computed once at purchase, with the rates in force then.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orders.visibility import viewable_group_q, viewable_order_q

GROUP_NUMBER_SEQUENCE = "orders_ordergroup_number_seq"
ORDER_NUMBER_SEQUENCE = "orders_order_number_seq"


def next_numbers(sequence: str, count: int) -> list[int]:
    """`count` numbers from a PostgreSQL sequence in one round trip.

    Sequences are not transactional: numbers are never handed out twice and concurrent
    checkouts never wait on each other for them (a rolled-back checkout leaves a gap, as in
    Saleor).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, count])
        return [int(row[0]) for row in cursor.fetchall()]


def next_group_number() -> int:
    return next_numbers(GROUP_NUMBER_SEQUENCE, 1)[0]


def next_order_number() -> int:
    return next_numbers(ORDER_NUMBER_SEQUENCE, 1)[0]


class OrderQuerySet(models.QuerySet["Order"]):
    def visible_to(self, user: Any) -> OrderQuerySet:
        """Guests' orders (their id is the secret), and the buyer's, its seller's members',
        officers' in scope and admins' (personal data is masked for the first)."""
        return self.filter(viewable_order_q(user))


class OrderGroupQuerySet(models.QuerySet["OrderGroup"]):
    def visible_to(self, user: Any) -> OrderGroupQuerySet:
        """Guests' purchases, and the buyer's, national officers' and admins'."""
        return self.filter(viewable_group_q(user))


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")
    UNFULFILLED = "unfulfilled", _("Unfulfilled")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Partially fulfilled")
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTIALLY_RETURNED = "partially_returned", _("Partially returned")
    RETURNED = "returned", _("Returned")
    CANCELED = "canceled", _("Canceled")
    EXPIRED = "expired", _("Expired")


CLOSED_STATUSES = frozenset({OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.RETURNED})
# Stock is still allocated (not yet shipped, not released) in these.
OPEN_STATUSES = frozenset(
    {OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED}
)


class PaymentGatewayId(models.TextChoices):
    COD = "ocop.cod", _("Cash on delivery")
    STRIPE = "ocop.stripe", _("Card (Stripe)")


class OrderGroup(models.Model):
    """What the buyer paid for in one checkout; each seller's part is an `Order`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.BigIntegerField(unique=True, default=next_group_number, editable=False)
    # One group per checkout: the unique token makes completing twice impossible.
    checkout_token = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_groups",
    )
    user_email = models.EmailField(blank=True)
    channel = models.ForeignKey("catalog.Channel", on_delete=models.PROTECT, related_name="+")
    shipping_address = models.ForeignKey(
        "checkout.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    billing_address = models.ForeignKey(
        "checkout.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payment_gateway = models.CharField(
        max_length=32, choices=PaymentGatewayId.choices, default=PaymentGatewayId.COD
    )
    subtotal_amount = models.BigIntegerField(default=0)
    shipping_amount = models.BigIntegerField(default=0)
    total_amount = models.BigIntegerField(default=0)
    currency = models.CharField(max_length=3, default="VND")
    # A card payment must arrive before this, or the orders expire and their stock returns.
    payment_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    language_code = models.CharField(max_length=8, default="vi")
    customer_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrderGroupQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "pk")

    def __str__(self) -> str:
        return f"#{self.number}"


class Order(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.BigIntegerField(unique=True, default=next_order_number, editable=False)
    group = models.ForeignKey(OrderGroup, on_delete=models.PROTECT, related_name="orders")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(
        max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNCONFIRMED
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    user_email = models.EmailField(blank=True)
    channel = models.ForeignKey("catalog.Channel", on_delete=models.PROTECT, related_name="+")
    shipping_address = models.ForeignKey(
        "checkout.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    billing_address = models.ForeignKey(
        "checkout.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    shipping_method = models.ForeignKey(
        "checkout.ShippingMethod",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shipping_method_name = models.CharField(max_length=255, blank=True)
    is_shipping_required = models.BooleanField(default=True)
    payment_gateway = models.CharField(
        max_length=32, choices=PaymentGatewayId.choices, default=PaymentGatewayId.COD
    )
    currency = models.CharField(max_length=3, default="VND")
    subtotal_amount = models.BigIntegerField(default=0)
    shipping_price_amount = models.BigIntegerField(default=0)
    total_amount = models.BigIntegerField(default=0)
    charged_amount = models.BigIntegerField(default=0)
    refunded_amount = models.BigIntegerField(default=0)
    weight_grams = models.PositiveIntegerField(default=0)
    # Snapshot at purchase: the platform's commission and the taxes withheld for a household
    # business (Decree 117/2025), both on the goods subtotal.
    commission_amount = models.BigIntegerField(default=0)
    vat_withheld_amount = models.BigIntegerField(default=0)
    pit_withheld_amount = models.BigIntegerField(default=0)
    customer_note = models.TextField(blank=True)
    tracking_number = models.CharField(max_length=64, blank=True)
    carrier = models.CharField(max_length=64, blank=True)
    cancel_reason = models.TextField(blank=True)
    # Saleor's public metadata (`updateMetadata` by the buyer, `Order.metadata`).
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    canceled_at = models.DateTimeField(null=True, blank=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ("-number",)
        indexes = [
            models.Index(fields=("seller", "-created_at"), name="order_seller_created"),
            models.Index(fields=("user", "-created_at"), name="order_user_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(charged_amount__gte=0) & Q(refunded_amount__gte=0),
                name="order_amounts_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.number}"

    @property
    def is_paid(self) -> bool:
        return self.charged_amount >= self.total_amount > 0 or (
            self.total_amount == 0 and self.paid_at is not None
        )


class OrderLine(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    product_name = models.CharField(max_length=386)
    variant_name = models.CharField(max_length=255, blank=True)
    product_sku = models.CharField(max_length=255, null=True, blank=True)
    product_variant_id = models.CharField(max_length=255, blank=True)
    is_shipping_required = models.BooleanField(default=True)
    quantity = models.PositiveIntegerField()
    quantity_fulfilled = models.PositiveIntegerField(default=0)
    unit_price_amount = models.BigIntegerField()
    total_price_amount = models.BigIntegerField()
    currency = models.CharField(max_length=3, default="VND")
    commission_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    commission_amount = models.BigIntegerField(default=0)

    class Meta:
        ordering = ("order_id", "product_name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity_fulfilled__lte=models.F("quantity")),
                name="order_line_fulfilled_within_quantity",
            )
        ]

    @property
    def quantity_to_fulfill(self) -> int:
        return self.quantity - self.quantity_fulfilled


class Allocation(models.Model):
    """Units of a stock row held for an order line until shipped or released."""

    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="allocations")
    stock = models.ForeignKey("catalog.Stock", on_delete=models.PROTECT, related_name="+")
    quantity_allocated = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=("order_line", "stock"), name="allocation_line_stock")
        ]


class FulfillmentStatus(models.TextChoices):
    FULFILLED = "fulfilled", pgettext_lazy("fulfillment status", "Fulfilled")
    CANCELED = "canceled", _("Canceled")
    RETURNED = "returned", pgettext_lazy("fulfillment status", "Returned")


class Fulfillment(models.Model):
    """A parcel handed to a carrier."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfillments")
    fulfillment_order = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=FulfillmentStatus.choices, default=FulfillmentStatus.FULFILLED
    )
    tracking_number = models.CharField(max_length=64, blank=True)
    carrier = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=("order", "fulfillment_order"), name="fulfillment_order_unique"
            )
        ]


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="+")
    stock = models.ForeignKey(
        "catalog.Stock", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ("pk",)


class OrderEventType(models.TextChoices):
    """Saleor's OrderEventsEnum values that this marketplace records."""

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


class OrderEvent(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    date = models.DateTimeField(default=timezone.now, db_index=True)
    type = models.CharField(max_length=64, choices=OrderEventType.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    parameters = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("date", "pk")


class OrderNotification(models.Model):
    """One row per e-mail to send; the unique key makes each go out once."""

    key = models.CharField(max_length=120, unique=True)
    group = models.ForeignKey(
        OrderGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    order = models.ForeignKey(
        Order, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.EmailField()
    subject = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("pk",)
