from django.contrib import admin

from orders.models import Order, OrderEvent, OrderGroup, OrderLine


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    fields = ("product_name", "product_sku", "quantity", "quantity_fulfilled", "unit_price_amount")
    readonly_fields = fields
    extra = 0
    can_delete = False


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    fields = ("date", "type", "user", "parameters")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Read-only: orders change through their actions (GraphQL), which lock and log."""

    list_display = ("number", "seller", "status", "total_amount", "charged_amount", "created_at")
    list_filter = ("status", "payment_gateway")
    list_select_related = ("seller",)
    search_fields = ("number", "user_email", "seller__stall_name")
    inlines = (OrderLineInline, OrderEventInline)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(OrderGroup)
class OrderGroupAdmin(admin.ModelAdmin):
    list_display = ("number", "user_email", "payment_gateway", "total_amount", "created_at")
    search_fields = ("number", "user_email")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
