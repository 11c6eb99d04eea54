"""Django admin for staff: the catalog, certificates, collections and stock.

Certificate statuses are read-only here: verifying, rejecting and revoking go through the
officer mutations, which check the rules and record a CertificateEvent.
"""

from __future__ import annotations

from django.contrib import admin

from catalog.models import (
    Category,
    CertificateEvent,
    CertificateExpiryNotice,
    Channel,
    Collection,
    CollectionProduct,
    OcopCertificate,
    Product,
    ProductChannelListing,
    ProductGroup,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
    Warehouse,
)


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "currency_code", "default_country", "is_active")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "parent", "level")
    list_filter = ("level",)
    search_fields = ("name", "name_en", "slug")
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ProductType)
class ProductTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "has_variants", "is_shipping_required")


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "parent")
    list_filter = ("parent",)
    search_fields = ("code", "name", "name_en")


class ProductChannelListingInline(admin.TabularInline):
    model = ProductChannelListing
    extra = 0


class ProductVariantInline(admin.TabularInline):
    model = ProductVariant
    extra = 0
    fields = ("sku", "name", "weight_grams", "track_inventory", "sort_order")
    show_change_link = True


class ProductMediaInline(admin.TabularInline):
    model = ProductMedia
    extra = 0
    fields = ("image", "alt", "sort_order")


class OcopCertificateInline(admin.TabularInline):
    model = OcopCertificate
    extra = 0
    fields = ("decision_number", "decision_date", "stars", "issuer_level", "status", "valid_until")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "seller", "category", "origin_province", "updated_at")
    list_filter = ("seller__status", "category", "origin_province")
    search_fields = ("name", "name_en", "slug", "seller__stall_name")
    list_select_related = ("seller", "category", "origin_province")
    raw_id_fields = ("seller",)
    readonly_fields = ("search_document", "created_at", "updated_at")
    inlines = (
        ProductChannelListingInline,
        ProductVariantInline,
        ProductMediaInline,
        OcopCertificateInline,
    )


class ProductVariantChannelListingInline(admin.TabularInline):
    model = ProductVariantChannelListing
    extra = 0


class StockInline(admin.TabularInline):
    model = Stock
    extra = 0


@admin.register(ProductVariant)
class ProductVariantAdmin(admin.ModelAdmin):
    list_display = ("sku", "name", "product", "track_inventory")
    search_fields = ("sku", "name", "product__name")
    list_select_related = ("product",)
    raw_id_fields = ("product",)
    inlines = (ProductVariantChannelListingInline, StockInline)


class CertificateEventInline(admin.TabularInline):
    model = CertificateEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "from_status", "to_status", "actor", "note")
    readonly_fields = fields

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(OcopCertificate)
class OcopCertificateAdmin(admin.ModelAdmin):
    list_display = (
        "decision_number",
        "product",
        "stars",
        "issuer_level",
        "decision_date",
        "valid_until",
        "status",
    )
    list_filter = ("status", "stars", "issuer_level", "product__seller__province")
    search_fields = ("decision_number", "certificate_number", "product__name", "issuer_name")
    list_select_related = ("product",)
    raw_id_fields = ("product", "submitted_by", "reviewed_by")
    date_hierarchy = "valid_until"
    readonly_fields = ("status", "valid_until", "reviewed_by", "reviewed_at", "created_at")
    inlines = (CertificateEventInline,)


@admin.register(CertificateExpiryNotice)
class CertificateExpiryNoticeAdmin(admin.ModelAdmin):
    list_display = ("certificate", "days_before", "sent_at")
    list_filter = ("days_before",)
    list_select_related = ("certificate",)


class CollectionProductInline(admin.TabularInline):
    model = CollectionProduct
    extra = 0
    raw_id_fields = ("product",)


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "is_featured",
        "is_published",
        "province",
        "starts_at",
        "ends_at",
    )
    list_filter = ("is_featured", "is_published", "province")
    search_fields = ("name", "slug")
    list_select_related = ("province",)
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("curated_by",)
    inlines = (CollectionProductInline,)


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ("name", "seller", "province")
    list_select_related = ("seller", "province")
    search_fields = ("name", "seller__stall_name")
