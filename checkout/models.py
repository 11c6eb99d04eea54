"""The cart (Saleor's checkout), addresses, and each seller's delivery methods.

Delivery methods live here rather than in a separate shipping app: they exist only to be
priced in a checkout and copied by name and price into an order, and keeping them here
keeps the app list short.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.visibility import is_staff
from checkout.visibility import signed_in


class CheckoutQuerySet(models.QuerySet["Checkout"]):
    def visible_to(self, user: Any) -> CheckoutQuerySet:
        """`can_see_checkout` as a filter."""
        if is_staff(user):
            return self.all()
        condition = Q(user__isnull=True)
        if signed_in(user):
            condition |= Q(user_id=user.pk)
        return self.filter(condition)


class Address(models.Model):
    """A Vietnamese postal address in Saleor's shape.

    `country_area` is the province and `city` the commune/ward (there are no districts since
    1 July 2025); `province` and `ward` point at the checked administrative units. When a
    checkout completes, its rows pass to the orders (which PROTECT them) and the checkout is
    deleted, so nothing can edit where a parcel went afterwards.
    """

    first_name = models.CharField(max_length=256, blank=True)
    last_name = models.CharField(max_length=256, blank=True)
    company_name = models.CharField(max_length=256, blank=True)
    street_address_1 = models.CharField(max_length=256, blank=True)
    street_address_2 = models.CharField(max_length=256, blank=True)
    city = models.CharField(max_length=256, blank=True)
    city_area = models.CharField(max_length=128, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="VN")
    country_area = models.CharField(max_length=128, blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164, e.g. +84912345678")
    province = models.ForeignKey(
        "places.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ward = models.ForeignKey(
        "places.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return ", ".join(p for p in (self.street_address_1, self.city, self.country_area) if p)


class ShippingRateKind(models.TextChoices):
    FLAT = "flat", _("Flat rate")
    WEIGHT = "weight", _("By weight")


class ServiceLevel(models.TextChoices):
    """How a Saleor client's single choice is matched across sellers."""

    ECONOMY = "economy", _("Economy")
    STANDARD = "standard", _("Standard")
    EXPRESS = "express", _("Express")


class ShippingMethod(models.Model):
    """A delivery method one seller offers.

    Flat: `price_amount` per order. Weight: `price_amount` covers the first kilogram and each
    further started kilogram costs `price_per_kg_amount`. Either is free when the seller's
    part of the cart reaches `free_above_amount`.
    """

    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.CASCADE, related_name="shipping_methods"
    )
    name = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True)
    service_level = models.CharField(
        max_length=10, choices=ServiceLevel.choices, default=ServiceLevel.STANDARD
    )
    rate_kind = models.CharField(
        max_length=10, choices=ShippingRateKind.choices, default=ShippingRateKind.FLAT
    )
    price_amount = models.BigIntegerField(default=0)
    price_per_kg_amount = models.BigIntegerField(default=0)
    free_above_amount = models.BigIntegerField(null=True, blank=True)
    max_weight_grams = models.PositiveIntegerField(null=True, blank=True)
    min_delivery_days = models.PositiveSmallIntegerField(null=True, blank=True)
    max_delivery_days = models.PositiveSmallIntegerField(null=True, blank=True)
    is_default = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("seller_id", "price_amount", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_amount__gte=0) & Q(price_per_kg_amount__gte=0),
                name="shipping_price_not_negative",
            ),
            models.UniqueConstraint(
                fields=("seller",), condition=Q(is_default=True), name="shipping_one_default"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Checkout(models.Model):
    """A cart; its public id is the token (Saleor's `Checkout:<uuid>`)."""

    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    channel = models.ForeignKey("catalog.Channel", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="checkouts",
    )
    email = models.EmailField(blank=True)
    shipping_address = models.ForeignKey(
        Address, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    billing_address = models.ForeignKey(
        Address, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What a seller-unaware (Saleor) client picked; other sellers follow it by service level.
    delivery_method = models.ForeignKey(
        ShippingMethod, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language_code = models.CharField(max_length=8, default="vi")
    customer_note = models.TextField(blank=True)
    # Saleor's public metadata (`updateMetadata`, `Checkout.metadata`): the storefront's
    # own key/value notes about the cart, never read by our rules.
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = CheckoutQuerySet.as_manager()

    class Meta:
        ordering = ("-updated_at", "pk")

    def __str__(self) -> str:
        return str(self.token)


class CheckoutLine(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="+"
    )
    quantity = models.PositiveIntegerField()
    # The variant's regular price in the channel when the buyer last added it (or was told
    # of a change): how the cart knows the price changed since (checkout.review).
    price_seen_amount = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=("checkout", "variant"), name="checkout_line_variant"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="checkout_line_quantity"),
        ]


class CheckoutDelivery(models.Model):
    """A seller-aware client's explicit choice of one seller's delivery method."""

    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="deliveries")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.CASCADE, related_name="+")
    shipping_method = models.ForeignKey(ShippingMethod, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("checkout", "seller"), name="checkout_delivery_seller")
        ]


class SavedAddress(models.Model):
    """An address in a signed-in buyer's address book; at most one is their default.

    It owns its `Address` row (deleted with it); a checkout copies the data, never the row,
    so an order's address cannot change when the book does.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_addresses"
    )
    address = models.OneToOneField(Address, on_delete=models.CASCADE, related_name="+")
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-is_default", "created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("user",), condition=Q(is_default=True), name="saved_address_one_default"
            )
        ]

    def __str__(self) -> str:
        return str(self.address)
