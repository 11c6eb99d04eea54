"""The cart's forms: what the visitor typed, checked for shape only; the rules (listing,
stock, limits) are the domain's, whose errors are mapped onto these fields."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from checkout.errors import ValidationErrors
from checkout.lines import MAX_LINE_QUANTITY

# The domain's field names (checkout.lines, checkout.actions) and the form field each
# belongs to; any other goes to the form as a whole.
DOMAIN_FIELDS = {
    "quantity": "quantity",
    "variant_id": "variant",
    "lines": "variant",
    "delivery_method_ids": "method",
    "delivery_method_id": "method",
    "promo_code": "code",
}


QUANTITY_ERRORS = {
    "required": _("Enter a quantity."),
    "invalid": _("Enter a whole number."),
    "min_value": _("Enter a quantity of at least %(limit_value)s."),
    "max_value": _("Enter a quantity of at most %(limit_value)s."),
}


class AddToCartForm(forms.Form):
    variant = forms.TypedChoiceField(
        label=_("Option"),
        coerce=int,
        error_messages={
            "required": _("Choose an option."),
            "invalid_choice": _("Choose one of the options shown."),
        },
    )
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=MAX_LINE_QUANTITY,
        initial=1,
        error_messages=QUANTITY_ERRORS,
    )

    def __init__(self, *args: object, variant_pks: Sequence[int] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["variant"].choices = [(pk, str(pk)) for pk in variant_pks]  # type: ignore[attr-defined]


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=0,
        max_value=MAX_LINE_QUANTITY,
        error_messages=QUANTITY_ERRORS,
    )


class DeliveryForm(forms.Form):
    method = forms.IntegerField(
        label=_("Delivery"),
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": _("Choose a delivery method."),
            "invalid": _("Choose a delivery method."),
            "min_value": _("Choose a delivery method."),
            "max_value": _("Choose a delivery method."),
        },
    )


class PromoCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Voucher or gift card code"),
        max_length=32,
        strip=True,
        error_messages={
            "required": _("Enter a code."),
            "max_length": _("A code has at most %(limit_value)d characters."),
        },
    )


def add_domain_errors(form: forms.Form, errors: ValidationErrors) -> None:
    """Put the domain's errors on the form's fields (by the domain's field names)."""
    for error in errors.errors:
        name = DOMAIN_FIELDS.get(error.field or "")
        form.add_error(name if name in form.fields else None, error.message)
