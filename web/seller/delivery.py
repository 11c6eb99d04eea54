"""The seller centre's delivery methods: the stall's list, a form to add or change one, and
removing one.

Every rule is the domain's (`checkout.shipping_methods`): the form only turns what was typed
into numbers ("30.000", "30000" and "30.000 ₫" are thirty thousand đồng) and shows the
domain's `ValidationErrors` next to their fields; nothing is saved unless all of it is.
Removing a method is what the domain says it is: orders keep its name and price, and carts
that chose it ask the buyer to choose again. Another stall's method is a 404."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from checkout.models import ServiceLevel, ShippingMethod, ShippingRateKind
from checkout.shipping_methods import (
    MAX_DESCRIPTION_LENGTH,
    check_method_data,
    do_create_method,
    do_delete_method,
    do_update_method,
)
from core.errors import ValidationErrors
from core.input_limits import max_length_of
from core.money import format_vnd
from sellers.models import Seller
from web.account.forms import add_domain_errors
from web.areas import seller_area

# Whole đồng written as people write them: digits, optionally grouped by dots (or spaces),
# optionally followed by "đ", "₫" or "VND". "30.5" or "30,000" are refused rather than guessed.
_AMOUNT = re.compile(r"^(\d{1,3}(?:[. ]\d{3})+|\d+)\s*(?:₫|đ|vnđ|vnd|đồng)?$", re.IGNORECASE)


def parse_vnd(text: str) -> int | None:
    """'30.000', '30000', '30 000 ₫' → 30000; '' → None; anything else → ValueError."""
    text = text.strip()
    if not text:
        return None
    match = _AMOUNT.match(text)
    if match is None:
        raise ValueError(text)
    return int(re.sub(r"\D", "", match.group(1)))


class VndField(forms.CharField):
    """An amount in whole đồng; the page shows it back as typed when it is wrong."""

    default_error_messages = {
        "invalid": _("Enter a whole amount in đồng, for example 30.000."),
    }

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return parse_vnd(text or "")
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def _amount_text(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}".replace(",", ".")


class MethodForm(forms.Form):
    name = forms.CharField(
        label=_("Name shown to buyers"),
        max_length=max_length_of(ShippingMethod, "name"),
        required=False,  # the domain requires it, with its own message
    )
    name_en = forms.CharField(
        label=_("Name in English (optional)"),
        max_length=max_length_of(ShippingMethod, "name_en"),
        required=False,
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=MAX_DESCRIPTION_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    service_level = forms.ChoiceField(label=_("Speed"), choices=ServiceLevel.choices)
    rate_kind = forms.ChoiceField(
        label=_("How the fee is counted"),
        choices=ShippingRateKind.choices,
        widget=forms.RadioSelect,
    )
    price_amount = VndField(
        label=_("Fee (đồng)"),
        help_text=_("Per order; by weight, the fee for the first kilogram. For example 30.000."),
        error_messages={"required": _("Enter the fee, for example 30.000 (0 for free).")},
    )
    price_per_kg_amount = VndField(
        label=_("Each further kilogram (đồng)"),
        help_text=_("Only by weight."),
        required=False,
    )
    free_above_amount = VndField(
        label=_("Free delivery from (đồng, optional)"),
        help_text=_("Free when the buyer's goods from your stall reach this amount."),
        required=False,
    )
    min_delivery_days = forms.IntegerField(label=_("Fastest delivery (days)"), required=False)
    max_delivery_days = forms.IntegerField(label=_("Slowest delivery (days)"), required=False)
    is_default = forms.BooleanField(label=_("Chosen by default in the cart"), required=False)
    is_active = forms.BooleanField(label=_("Offered to buyers"), required=False)

    def domain_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("price_per_kg_amount", 0) is None:
            data["price_per_kg_amount"] = 0
        return data

    def add_other_domain_errors(self, *, creating: bool) -> None:
        """When a field could not be read, the domain still checks the others, so every
        problem is listed at once (not one round trip per mistake)."""
        try:
            check_method_data(self.domain_data(), creating=creating)
        except ValidationErrors as errors:
            others = [e for e in errors.errors if e.field not in self.errors]
            add_domain_errors(self, ValidationErrors(others))


def initial_of(method: ShippingMethod) -> dict[str, Any]:
    return {
        "name": method.name,
        "name_en": method.name_en,
        "description": method.description,
        "service_level": method.service_level,
        "rate_kind": method.rate_kind,
        "price_amount": _amount_text(method.price_amount),
        "price_per_kg_amount": _amount_text(method.price_per_kg_amount or None),
        "free_above_amount": _amount_text(method.free_above_amount),
        "min_delivery_days": method.min_delivery_days,
        "max_delivery_days": method.max_delivery_days,
        "is_default": method.is_default,
        "is_active": method.is_active,
    }


def fee_text(method: ShippingMethod) -> str:
    """'30.000 ₫', or '45.000 ₫ first kg + 10.000 ₫ / kg', as the buyer would read it."""
    if method.rate_kind == ShippingRateKind.WEIGHT:
        return gettext("%(first)s for the first kg + %(each)s per further kg") % {
            "first": format_vnd(method.price_amount),
            "each": format_vnd(method.price_per_kg_amount),
        }
    return format_vnd(method.price_amount)


def _days_text(method: ShippingMethod) -> str:
    low, high = method.min_delivery_days, method.max_delivery_days
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return gettext("%(days)s days") % {"days": high if low is None else low}
    return gettext("%(low)s–%(high)s days") % {"low": low, "high": high}


@require_http_methods(["GET"])
@seller_area
def method_list(request: HttpRequest, *, seller: Seller, membership: Any) -> HttpResponse:
    methods = ShippingMethod.objects.filter(seller=seller).order_by(
        "-is_default", "-is_active", "price_amount", "pk"
    )
    rows = [
        {
            "method": m,
            "fee": fee_text(m),
            "days": _days_text(m),
            "free_above": format_vnd(m.free_above_amount) if m.free_above_amount else "",
        }
        for m in methods
    ]
    return render(
        request,
        "web/seller/delivery.html",
        {"seller": seller, "nav_current": "seller_delivery", "rows": rows},
    )


def _form_page(
    request: HttpRequest,
    seller: Seller,
    form: MethodForm,
    method: ShippingMethod | None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "web/seller/delivery_form.html",
        {"seller": seller, "nav_current": "seller_delivery", "form": form, "method": method},
        status=status,
    )


def _saved(request: HttpRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("web:seller_delivery"))


@require_http_methods(["GET", "POST"])
@seller_area
def method_new(request: HttpRequest, *, seller: Seller, membership: Any) -> HttpResponse:
    if request.method != "POST":
        initial = {"service_level": ServiceLevel.STANDARD, "rate_kind": ShippingRateKind.FLAT}
        return _form_page(request, seller, MethodForm(initial={**initial, "is_active": True}), None)
    form = MethodForm(request.POST)
    if form.is_valid():
        try:
            do_create_method(seller, form.domain_data())
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            return _saved(request, gettext("Delivery method added."))
    else:
        form.add_other_domain_errors(creating=True)
    return _form_page(request, seller, form, None, status=400)


def _own_method(seller: Seller, method_id: int) -> ShippingMethod:
    method = get_object_or_404(ShippingMethod, pk=method_id, seller=seller)
    method.seller = seller  # the domain locks the seller's methods through it
    return method


@require_http_methods(["GET", "POST"])
@seller_area
def method_edit(
    request: HttpRequest, method_id: int, *, seller: Seller, membership: Any
) -> HttpResponse:
    method = _own_method(seller, method_id)
    if request.method != "POST":
        return _form_page(request, seller, MethodForm(initial=initial_of(method)), method)
    form = MethodForm(request.POST)
    if form.is_valid():
        try:
            do_update_method(method, form.domain_data())
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            return _saved(request, gettext("Delivery method saved."))
    else:
        form.add_other_domain_errors(creating=False)
    return _form_page(request, seller, form, method, status=400)


@require_POST
@seller_area
def method_delete(
    request: HttpRequest, method_id: int, *, seller: Seller, membership: Any
) -> HttpResponse:
    do_delete_method(_own_method(seller, method_id))
    return _saved(request, gettext("Delivery method removed."))
