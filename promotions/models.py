"""Vouchers and gift cards: the promotions a province or a seller funds.

A voucher is a discount code (a percentage or a fixed amount in đồng) on the lines of its
scope: one seller's products, every seller of a province, or one collection. Who funds it
decides who bears it in the payout ledger: a seller-funded voucher lowers that seller's
earning, a province-funded one does not (the programme pays it). A gift card is a balance
in đồng spent like money on any order; the platform owns it, so it never lowers a payout.

A checkout names its codes by token (`CheckoutPromoCode`), as payments
does: promotions sits below checkout. What an order got is frozen on it (`OrderDiscount`,
`GiftCardCharge`), one row per seller order, so refunds and the ledger read it back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DiscountValueType(models.TextChoices):
    PERCENTAGE = "percentage", _("Percentage")
    FIXED = "fixed", _("Fixed amount")


class VoucherScope(models.TextChoices):
    SELLER = "seller", _("One seller's products")
    PROVINCE = "province", _("Products of a province's sellers")
    COLLECTION = "collection", _("Products of a collection")


class Funder(models.TextChoices):
    SELLER = "seller", _("Seller")
    PROVINCE = "province", _("Province")


class Voucher(models.Model):
    code = models.CharField(max_length=32, unique=True, help_text="Stored in upper case.")
    name = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120, blank=True)
    value_type = models.CharField(max_length=10, choices=DiscountValueType.choices)
    # A percentage (1..100) or an amount in đồng.
    value = models.PositiveBigIntegerField()
    funder = models.CharField(max_length=10, choices=Funder.choices)
    funding_province = models.ForeignKey(
        "places.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    funding_seller = models.ForeignKey(
        "sellers.Seller", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    scope = models.CharField(max_length=10, choices=VoucherScope.choices)
    scope_seller = models.ForeignKey(
        "sellers.Seller", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    scope_province = models.ForeignKey(
        "places.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scope_collection = models.ForeignKey(
        "catalog.Collection", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    min_spend_amount = models.PositiveBigIntegerField(default=0)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(null=True, blank=True)
    limit_per_customer = models.PositiveIntegerField(null=True, blank=True)
    # Orders groups that used it, kept by a conditional UPDATE (never above usage_limit).
    used = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("code",)
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(funder="seller", funding_seller__isnull=False, funding_province__isnull=True)
                    | Q(
                        funder="province",
                        funding_province__isnull=False,
                        funding_seller__isnull=True,
                    )
                ),
                name="voucher_one_funder",
            ),
            models.CheckConstraint(
                condition=Q(value_type="fixed") | Q(value__gte=1, value__lte=100),
                name="voucher_percentage_range",
            ),
            models.CheckConstraint(
                condition=Q(usage_limit__isnull=True) | Q(used__lte=models.F("usage_limit")),
                name="voucher_not_over_used",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class GiftCard(models.Model):
    code = models.CharField(max_length=32, unique=True, help_text="Stored in upper case.")
    initial_balance_amount = models.PositiveBigIntegerField()
    current_balance_amount = models.BigIntegerField()
    expiry_date = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("code",)
        constraints = [
            models.CheckConstraint(
                condition=Q(current_balance_amount__gte=0)
                & Q(current_balance_amount__lte=models.F("initial_balance_amount")),
                name="gift_card_balance_range",
            )
        ]

    def __str__(self) -> str:
        return f"…{self.code[-4:]}"

    @property
    def last_4(self) -> str:
        return self.code[-4:]


class CheckoutPromoCode(models.Model):
    """A code applied to a checkout: its one voucher (one use per order) or a gift card.

    One table for both, so a checkout's promotions load in one query."""

    checkout_token = models.UUIDField(db_index=True)
    voucher = models.ForeignKey(
        Voucher, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    gift_card = models.ForeignKey(
        GiftCard, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(voucher__isnull=True) ^ Q(gift_card__isnull=True),
                name="checkout_promo_code_one_kind",
            ),
            models.UniqueConstraint(
                fields=("checkout_token",),
                condition=Q(voucher__isnull=False),
                name="checkout_one_voucher",
            ),
            models.UniqueConstraint(
                fields=("checkout_token", "gift_card"), name="checkout_gift_card_once"
            ),
        ]


class VoucherUsage(models.Model):
    """One order group's use of a voucher, for the per-customer limit; deleted when every
    order of the group is canceled (the use is given back)."""

    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="usages")
    group = models.ForeignKey("orders.OrderGroup", on_delete=models.CASCADE, related_name="+")
    customer_key = models.CharField(max_length=160, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("voucher", "group"), name="voucher_usage_once")
        ]


class OrderDiscount(models.Model):
    """A seller order's share of a voucher (Saleor's `Order.discounts`)."""

    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="discounts")
    voucher = models.ForeignKey(
        Voucher, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(max_length=32)
    name = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120, blank=True)
    value_type = models.CharField(max_length=10, choices=DiscountValueType.choices)
    value = models.PositiveBigIntegerField()
    funder = models.CharField(max_length=10, choices=Funder.choices)
    amount = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("pk",)


class GiftCardCharge(models.Model):
    """What a gift card paid of one seller order; `returned` once given back."""

    gift_card = models.ForeignKey(GiftCard, on_delete=models.PROTECT, related_name="charges")
    order = models.ForeignKey(
        "orders.Order", on_delete=models.CASCADE, related_name="gift_card_charges"
    )
    amount = models.PositiveBigIntegerField()
    returned = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("pk",)
