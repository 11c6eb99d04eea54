from django.contrib import admin

from payments.models import CategoryCommission, LedgerEntry, Refund, Transaction


@admin.register(Transaction)
class TransactionAdmin(admin.ModelAdmin):
    """Flagged transactions (needs_attention) are the reconciliation job's questions."""

    list_display = (
        "token", "gateway", "psp_reference", "status", "amount", "charged_amount",
        "refunded_amount", "needs_attention",
    )  # fmt: skip
    list_filter = ("gateway", "status", "needs_attention")
    search_fields = ("psp_reference", "token", "checkout_token")
    readonly_fields = (
        "token", "checkout_token", "order_group", "gateway", "psp_reference", "status",
        "amount", "charged_amount", "refunded_amount", "idempotency_key",
    )  # fmt: skip


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ("idempotency_key", "amount", "status", "attempts", "created_at")
    list_filter = ("status",)
    readonly_fields = ("transaction", "order", "amount", "idempotency_key", "psp_reference")


@admin.register(CategoryCommission)
class CategoryCommissionAdmin(admin.ModelAdmin):
    list_display = ("category", "rate")
    raw_id_fields = ("category",)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """Earnings are written by deliveries; payouts are recorded with sellerPayoutCreate."""

    list_display = ("seller", "kind", "order", "amount", "reference", "created_at")
    list_filter = ("kind",)
    list_select_related = ("seller", "order")
    search_fields = ("seller__stall_name", "reference")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
