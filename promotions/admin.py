"""Vouchers and gift cards in the Django admin (staff): the domain's rules in the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from core.errors import ValidationErrors
from promotions.models import GiftCard, OrderDiscount, Voucher
from promotions.pricing import normalize_code
from promotions.vouchers import check_code, check_voucher


class VoucherForm(forms.ModelForm):
    class Meta:
        model = Voucher
        fields = (
            "code",
            "name",
            "name_en",
            "value_type",
            "value",
            "funder",
            "funding_province",
            "funding_seller",
            "scope",
            "scope_seller",
            "scope_province",
            "scope_collection",
            "min_spend_amount",
            "starts_at",
            "ends_at",
            "usage_limit",
            "limit_per_customer",
            "is_active",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        voucher: Voucher = self.instance
        for name, value in data.items():
            setattr(voucher, name, value)
        voucher.code = normalize_code(voucher.code)
        try:
            check_code(voucher.code, exclude_pk=voucher.pk)
            check_voucher(voucher)
        except ValidationErrors as exc:
            raise ValidationError(
                {e.field or NON_FIELD_ERRORS: e.message for e in exc.errors}
            ) from None
        data["code"] = voucher.code
        return data


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    form = VoucherForm
    list_display = ("code", "name", "value_type", "value", "funder", "scope", "used", "usage_limit")
    list_filter = ("funder", "scope", "is_active")
    search_fields = ("code", "name")
    raw_id_fields = ("funding_seller", "scope_seller", "scope_collection")
    readonly_fields = ("used",)

    def save_model(self, request: Any, obj: Voucher, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(GiftCard)
class GiftCardAdmin(admin.ModelAdmin):
    list_display = ("__str__", "initial_balance_amount", "current_balance_amount", "expiry_date")
    list_filter = ("is_active",)
    search_fields = ("code",)
    readonly_fields = ("current_balance_amount",)

    def save_model(self, request: Any, obj: GiftCard, form: Any, change: bool) -> None:
        obj.code = normalize_code(obj.code)
        if not change:
            obj.current_balance_amount = obj.initial_balance_amount
        super().save_model(request, obj, form, change)


@admin.register(OrderDiscount)
class OrderDiscountAdmin(admin.ModelAdmin):
    list_display = ("order", "code", "funder", "amount")
    list_select_related = ("order",)
    raw_id_fields = ("order", "voucher")
