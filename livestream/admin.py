from __future__ import annotations

from django.contrib import admin

from livestream.models import (
    LiveOffer,
    LiveOfferClaim,
    Livestream,
    LivestreamReminder,
    LivestreamSeller,
    LivestreamTransition,
    VariantPriceHistory,
)


class LivestreamSellerInline(admin.TabularInline):
    model = LivestreamSeller
    extra = 0
    raw_id_fields = ("seller", "invited_by", "agreed_by")


class LiveOfferInline(admin.TabularInline):
    model = LiveOffer
    extra = 0
    raw_id_fields = ("variant", "seller", "created_by")
    readonly_fields = ("units_claimed",)


@admin.register(Livestream)
class LivestreamAdmin(admin.ModelAdmin):
    list_display = ("title", "host", "status", "starts_at", "ends_at", "platform", "is_programme")
    list_filter = ("status", "platform", "is_programme")
    search_fields = ("title", "host__email")
    raw_id_fields = ("host", "approved_by", "programme_province")
    readonly_fields = ("started_at", "ended_at", "canceled_at", "created_at", "updated_at")
    inlines = (LivestreamSellerInline, LiveOfferInline)


@admin.register(LivestreamTransition)
class LivestreamTransitionAdmin(admin.ModelAdmin):
    list_display = ("livestream", "from_status", "to_status", "actor", "created_at")
    raw_id_fields = ("livestream", "actor")


@admin.register(LiveOfferClaim)
class LiveOfferClaimAdmin(admin.ModelAdmin):
    list_display = ("offer", "buyer_key", "quantity", "unit_price", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("offer",)


@admin.register(LivestreamReminder)
class LivestreamReminderAdmin(admin.ModelAdmin):
    list_display = ("livestream", "user", "sent_at", "send_count", "canceled_at")
    raw_id_fields = ("livestream", "user")


@admin.register(VariantPriceHistory)
class VariantPriceHistoryAdmin(admin.ModelAdmin):
    list_display = ("variant", "channel", "price_amount", "recorded_at")
    raw_id_fields = ("variant",)
