from django.contrib import admin

from checkout.models import Checkout, CheckoutLine, ShippingMethod


@admin.register(ShippingMethod)
class ShippingMethodAdmin(admin.ModelAdmin):
    list_display = ("name", "seller", "service_level", "rate_kind", "price_amount", "is_default")
    list_filter = ("service_level", "rate_kind", "is_active")
    list_select_related = ("seller",)
    search_fields = ("name", "seller__stall_name")
    raw_id_fields = ("seller",)


class CheckoutLineInline(admin.TabularInline):
    model = CheckoutLine
    raw_id_fields = ("variant",)
    extra = 0


@admin.register(Checkout)
class CheckoutAdmin(admin.ModelAdmin):
    list_display = ("token", "email", "user", "updated_at")
    search_fields = ("email", "token")
    raw_id_fields = ("user", "shipping_address", "billing_address", "delivery_method")
    inlines = (CheckoutLineInline,)
