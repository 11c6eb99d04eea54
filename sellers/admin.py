"""Django admin for staff: sellers with their members, documents and workflow history.

Status changes made here bypass the workflow's checks; staff should prefer the officer
mutations (which record who and why). The status is therefore read-only in the admin.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sellers.models import Seller, SellerDocument, SellerMember, SellerTransition, SellerUpload


class SellerMemberInline(admin.TabularInline):
    model = SellerMember
    extra = 0
    raw_id_fields = ("user",)


class SellerDocumentInline(admin.TabularInline):
    model = SellerDocument
    extra = 0
    fields = ("kind", "file", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = ("content_type", "size", "uploaded_by", "uploaded_at")


class SellerTransitionInline(admin.TabularInline):
    model = SellerTransition
    extra = 0
    can_delete = False
    fields = ("created_at", "from_status", "to_status", "actor", "reason")
    readonly_fields = fields

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = (
        "stall_name",
        "legal_name",
        "kind",
        "province",
        "status",
        "is_active",
        "assisted_by",
        "updated_at",
    )
    list_filter = ("status", "kind", "is_active", "province")
    search_fields = ("stall_name", "legal_name", "slug", "tax_code", "registration_number")
    list_select_related = ("province", "assisted_by")
    raw_id_fields = ("ward", "assisted_by")
    readonly_fields = ("status", "created_at", "updated_at")
    prepopulated_fields = {"slug": ("stall_name",)}
    inlines = (SellerMemberInline, SellerDocumentInline, SellerTransitionInline)
    fieldsets = (
        (None, {"fields": ("kind", "legal_name", "registration_number", "tax_code", "status")}),
        (_("Address"), {"fields": ("province", "ward", "street_address")}),
        (_("Contact"), {"fields": ("phone", "email")}),
        (
            _("Payout"),
            {"fields": ("bank_name", "bank_account_number", "bank_account_holder")},
        ),
        (_("Stall"), {"fields": ("slug", "stall_name", "logo", "story", "story_en")}),
        (
            _("Admin"),
            {"fields": ("is_active", "commission_rate", "assisted_by", "created_at", "updated_at")},
        ),
    )


@admin.register(SellerTransition)
class SellerTransitionAdmin(admin.ModelAdmin):
    list_display = ("created_at", "seller", "from_status", "to_status", "actor", "reason")
    list_filter = ("to_status", "from_status")
    search_fields = ("seller__stall_name", "reason", "actor__email")
    list_select_related = ("seller", "actor")
    date_hierarchy = "created_at"

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False  # the history is a record, not data to edit


@admin.register(SellerUpload)
class SellerUploadAdmin(admin.ModelAdmin):
    list_display = ("key", "seller", "purpose", "status", "content_type", "size", "created_at")
    list_filter = ("status", "purpose")
    search_fields = ("key", "seller__stall_name")
    list_select_related = ("seller",)
    readonly_fields = ("key", "declared_content_type", "content_type", "size", "created_at")
