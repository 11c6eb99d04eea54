"""OCOP certificates: the state's star rating that makes a product sellable here."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from accounts.roles import Scope, scope_of
from catalog.models.channels import Channel
from sellers.visibility import officer_q

VALIDITY_MONTHS = 36
MIN_LISTED_STARS = 3


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar-month arithmetic; 29 Feb and month ends fall back to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(f"cannot add {months} months to {day}")


def today() -> datetime.date:
    """Today's date in Vietnam (settings.TIME_ZONE), which is when certificates lapse."""
    return timezone.localdate()


def valid_certificate_q(on: datetime.date | None = None, prefix: str = "") -> Q:
    day = on or today()
    return Q(
        **{
            f"{prefix}status": CertificateStatus.VERIFIED,
            f"{prefix}stars__gte": MIN_LISTED_STARS,
            f"{prefix}valid_until__gte": day,
            f"{prefix}decision_date__lte": day,
        }
    )


class OcopCertificateQuerySet(models.QuerySet["OcopCertificate"]):
    def visible_to(
        self, user: Any, scope: Scope | None = None, *, channel: Channel
    ) -> OcopCertificateQuerySet:
        """Officers see the certificates of their province's sellers (`ocopCertificates`);
        everyone sees the one a listed product shows (`Product.ocopCertificate`): its best
        valid certificate, ordered as `catalog.listing.current_certificate` orders them."""
        scope = scope if scope is not None else scope_of(user)
        # The product model, by the relation: catalog.models.products imports this module.
        product_model: Any = self.model._meta.get_field("product").related_model
        listed = product_model.objects.visible_to(user, channel=channel)
        shown = (
            self.model.objects.filter(valid_certificate_q())
            .filter(product=OuterRef("product"))
            .order_by("-stars", "-decision_date", "-pk")
            .values("pk")[:1]
        )
        public = Q(pk=Subquery(shown), product__in=listed)
        return self.filter(officer_q(scope, "product__seller__") | public)


class IssuerLevel(models.TextChoices):
    DISTRICT = "district", "Cấp huyện"
    PROVINCE = "province", "Cấp tỉnh"
    CENTRAL = "central", "Trung ương"


class CertificateStatus(models.TextChoices):
    PENDING = "pending", "Chờ xác minh"
    VERIFIED = "verified", "Đã xác minh"
    REJECTED = "rejected", "Từ chối"
    EXPIRED = "expired", "Hết hạn"
    REVOKED = "revoked", "Thu hồi"


class ProductGroup(models.Model):
    """The six OCOP groups and their sub-groups, as data; `aliases` holds older labels."""

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="subgroups"
    )
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class OcopCertificate(models.Model):
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="certificates"
    )
    decision_number = models.CharField(max_length=64)
    decision_date = models.DateField()
    certificate_number = models.CharField(max_length=64, blank=True)
    issuer_level = models.CharField(max_length=10, choices=IssuerLevel.choices)
    issuer_name = models.CharField(max_length=255)
    stars = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    product_group = models.ForeignKey(
        ProductGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    product_subgroup = models.ForeignKey(
        ProductGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_until = models.DateField(db_index=True)
    status = models.CharField(
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.PENDING,
        db_index=True,
    )
    scan = models.FileField(upload_to="certificates/", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    # Set when the seller picked an already verified certificate of its stall for this
    # product (one decision covers several products): the row it was copied from.
    source = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OcopCertificateQuerySet.as_manager()

    class Meta:
        ordering = ("-decision_date", "-id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stars__gte=1) & models.Q(stars__lte=5), name="cert_stars_1_5"
            ),
            models.CheckConstraint(
                condition=models.Q(stars__lt=5) | models.Q(issuer_level="central"),
                name="cert_five_stars_central_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.stars}★)"

    def save(self, *args: object, **kwargs: object) -> None:
        self.valid_until = add_months(self.decision_date, VALIDITY_MONTHS)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class CertificateExpiryNotice(models.Model):
    """One row per notice sent, so each of the 60/30/7-day notices goes out once."""

    certificate = models.ForeignKey(
        OcopCertificate, on_delete=models.CASCADE, related_name="expiry_notices"
    )
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("certificate", "days_before"), name="expiry_notice_once"
            )
        ]


class CertificateEvent(models.Model):
    """The history of a certificate: who did what, when and why (the expiry job has no actor)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Nộp"
        VERIFIED = "verified", "Xác minh"
        REJECTED = "rejected", "Từ chối"
        REVOKED = "revoked", "Thu hồi"
        EXPIRED = "expired", "Hết hạn"

    certificate = models.ForeignKey(
        OcopCertificate, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_status = models.CharField(max_length=10, choices=CertificateStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=CertificateStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")
