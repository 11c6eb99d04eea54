"""OCOP producers ("chủ thể OCOP") who sell on the marketplace, and their stalls."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Scope, scope_of
from sellers.statuses import SellerStatus
from sellers.visibility import private_q, public_q


class SellerQuerySet(models.QuerySet["Seller"]):
    def visible_to(self, user: Any, scope: Scope | None = None) -> SellerQuerySet:
        """What `seller(slug)`, `sellers`, `mySellers` and `sellerApplications` together
        show this viewer: public stalls, plus those whose private side it sees."""
        scope = scope if scope is not None else scope_of(user)
        return self.filter(public_q() | private_q(scope))


class SellerDocumentQuerySet(models.QuerySet["SellerDocument"]):
    def visible_to(self, user: Any, scope: Scope | None = None) -> SellerDocumentQuerySet:
        """A document is private to its seller: `Seller.documents` shows it to the
        seller's members and officers in scope only."""
        scope = scope if scope is not None else scope_of(user)
        return self.filter(private_q(scope, "seller__"))


class SellerKind(models.TextChoices):
    HTX = "HTX", "Hợp tác xã"
    THT = "THT", "Tổ hợp tác"
    DN = "DN", "Doanh nghiệp"
    HKD = "HKD", "Hộ kinh doanh"


class Seller(models.Model):
    kind = models.CharField(max_length=3, choices=SellerKind.choices)
    legal_name = models.CharField(max_length=255)
    registration_number = models.CharField(max_length=32, blank=True)
    tax_code = models.CharField(max_length=14, blank=True)
    province = models.ForeignKey("places.Province", on_delete=models.PROTECT, related_name="+")
    ward = models.ForeignKey(
        "places.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    street_address = models.CharField(max_length=255, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    bank_name = models.CharField(max_length=120, blank=True)
    bank_account_number = models.CharField(max_length=32, blank=True)
    bank_account_holder = models.CharField(max_length=255, blank=True)

    # The public stall.
    slug = models.SlugField(max_length=120, unique=True)
    stall_name = models.CharField(max_length=255)
    logo = models.ImageField(upload_to="sellers/logos/", blank=True)
    story = models.TextField(blank=True)
    story_en = models.TextField(blank=True)
    # Kept by the reviews app: the average stars and count of the stall's visible reviews.
    rating = models.FloatField(null=True, blank=True)
    rating_count = models.PositiveIntegerField(default=0)

    status = models.CharField(
        max_length=20, choices=SellerStatus.choices, default=SellerStatus.DRAFT, db_index=True
    )
    is_active = models.BooleanField(default=True)
    commission_rate = models.DecimalField(
        max_digits=5, decimal_places=4, null=True, blank=True, help_text="Empty: platform default"
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assisted_sellers",
        help_text="Officer who onboarded this producer on its behalf",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SellerQuerySet.as_manager()

    class Meta:
        ordering = ("stall_name",)

    def __str__(self) -> str:
        return self.stall_name

    @property
    def is_selling(self) -> bool:
        return self.status == SellerStatus.APPROVED and self.is_active


class SellerMember(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Chủ"
        STAFF = "staff", "Nhân viên"

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seller_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.STAFF)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("seller", "user"), name="seller_member_unique")
        ]


class SellerTransition(models.Model):
    """Every step of the onboarding workflow: who, when and why."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=SellerStatus.choices)
    to_status = models.CharField(max_length=20, choices=SellerStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")


class SellerDocument(models.Model):
    class Kind(models.TextChoices):
        BUSINESS_LICENCE = "business_licence", "Giấy phép kinh doanh"
        FOOD_SAFETY = "food_safety", "Giấy chứng nhận ATTP"
        OTHER = "other", "Khác"

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="sellers/documents/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = SellerDocumentQuerySet.as_manager()


class UploadPurpose(models.TextChoices):
    """What an uploaded file is for; it decides which file types are accepted."""

    SELLER_DOCUMENT = "seller_document", "Giấy tờ của chủ thể"
    CERTIFICATE_SCAN = "certificate_scan", "Bản scan giấy chứng nhận OCOP"
    PRODUCT_IMAGE = "product_image", "Ảnh sản phẩm"


class SellerUpload(models.Model):
    """A presigned direct-to-S3 upload under the seller's key prefix.

    Issued (`pending`) with a presigned POST; `confirmed` once the stored object's size and
    sniffed type were checked; `used` when a document, certificate or image took it (once);
    `refused` when the check failed (the object is then deleted from the bucket).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ tải lên"
        CONFIRMED = "confirmed", "Đã kiểm tra"
        USED = "used", "Đã dùng"
        REFUSED = "refused", "Bị từ chối"

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="uploads")
    purpose = models.CharField(max_length=20, choices=UploadPurpose.choices)
    key = models.CharField(max_length=255, unique=True)
    filename = models.CharField(max_length=255, blank=True)
    declared_content_type = models.CharField(max_length=100)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.key


class OnBehalfAction(models.Model):
    """Something an OCOP officer did for a stall on its behalf (assisted onboarding): the
    stall's creation, a product created or edited, a document uploaded, an activation card
    printed. Written in the same transaction as the action (`sellers.on_behalf.record`), and
    shown to the stall (its activity log) and to officers (the audit log)."""

    class Kind(models.TextChoices):
        STALL_CREATED = "stall_created", _("Stall created")
        PRODUCT_CREATED = "product_created", _("Product created")
        PRODUCT_UPDATED = "product_updated", _("Product edited")
        DOCUMENT_UPLOADED = "document_uploaded", _("Document uploaded")
        CARD_PRINTED = "card_printed", _("Activation card printed")
        RECOVERY_CARD = "recovery_card", _("Recovery card printed (owner came in person)")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="on_behalf_actions")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What it was done to, as it was named then (a product's name; empty for the stall).
    subject = models.CharField(max_length=255, blank=True)
    subject_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("seller", "-created_at"), name="on_behalf_seller_time")]
