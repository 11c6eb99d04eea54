"""The voucher form of the seller centre (and, with the scope fields added, of the officer
console), and the steps both areas' voucher pages share (a list row, saving the limits,
ending). The form only turns what was typed into a voucher's values ("10" or "10 %",
"20.000", Viet Nam time); every rule is `promotions.vouchers`', whose errors land on their
fields.

When a field cannot be read, the domain still checks the others, so every problem shows
at once (not one round trip per mistake)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationErrors
from core.money import format_vnd
from promotions.models import DiscountValueType, Voucher
from promotions.voucher_changes import do_change_voucher, do_end_voucher
from promotions.voucher_lists import value_text, voucher_state
from promotions.vouchers import check_new_voucher
from web.reviews.forms import AccessibleForm, add_domain_errors
from web.seller.delivery import VndField, parse_vnd

DATETIME_INPUT = "%Y-%m-%dT%H:%M"
_PERCENT = re.compile(r"^(\d{1,3})\s*%?$")
RADIO_FIELDS = ("value_type", "scope")


def _when(label: Any, hint: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=hint,
        required=False,
        input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
        error_messages={"invalid": _("Enter a date and time, for example 01/02/2027 08:00.")},
    )


def _uses(label: Any, hint: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=hint,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a whole number, or leave it empty for no limit.")},
    )


class DescribedForm(AccessibleForm):
    """Each input described by its hint, and by its error once there is one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def mark_errors(self) -> None:
        super().mark_errors()
        for name in self.errors:
            if name in self.fields and self.fields[name].help_text:
                auto_id = self[name].auto_id
                attrs = self.fields[name].widget.attrs
                attrs["aria-describedby"] = f"{auto_id}-hint {auto_id}-error"

    def add_other_errors(self, refused: ValidationErrors) -> None:
        """The domain's errors on fields that could be read (the others have theirs)."""
        others = [e for e in refused.errors if e.field not in self.errors]
        if others:
            add_domain_errors(self, ValidationErrors(others))


class LimitsForm(DescribedForm):
    """What may change before a voucher's first use."""

    usage_limit = _uses(
        _("Total uses (optional)"), _("How many orders may use it in all. Empty: no limit.")
    )
    limit_per_customer = _uses(
        _("Uses per buyer (optional)"), _("How many orders one buyer may use it on.")
    )
    ends_at = _when(_("Ends"), _("Viet Nam time. Empty: until you end it."))


class VoucherForm(LimitsForm):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("3 to 32 letters, digits or dashes. Buyers type it in the cart."),
        required=False,  # the domain requires it, with its own message
        max_length=32,
    )
    name = forms.CharField(
        label=_("Name buyers see"),
        help_text=_("For example “Tết honey discount”."),
        required=False,
        max_length=120,
    )
    name_en = forms.CharField(label=_("Name in English (optional)"), required=False, max_length=120)
    value_type = forms.ChoiceField(
        label=_("Kind of discount"),
        choices=DiscountValueType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a percentage or a fixed amount.")},
    )
    value = forms.CharField(
        label=_("Discount"),
        help_text=_("A percentage (for example 10) or an amount in đồng (for example 20.000)."),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    min_spend_amount = VndField(
        label=_("Minimum spend (đồng, optional)"),
        help_text=_("Of the products it applies to, in one order. Empty: no minimum."),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    starts_at = _when(_("Starts"), _("Viet Nam time. Empty: from now."))

    field_order = [
        "code",
        "name",
        "name_en",
        "value_type",
        "value",
        "min_spend_amount",
        "starts_at",
        "ends_at",
        "usage_limit",
        "limit_per_customer",
    ]

    def clean_value(self) -> int | None:
        text = (self.cleaned_data.get("value") or "").strip()
        if not text:
            raise forms.ValidationError(_("Enter the discount, for example 10 or 20.000."))
        if self.data.get(self.add_prefix("value_type")) == DiscountValueType.PERCENTAGE:
            match = _PERCENT.match(text)
            if match is None:
                raise forms.ValidationError(_("Enter a whole percentage, for example 10."))
            return int(match.group(1))
        try:
            return parse_vnd(text)
        except ValueError:
            raise forms.ValidationError(VndField.default_error_messages["invalid"]) from None

    def voucher(self, **funding: Any) -> Voucher:
        """A voucher of what could be read (the rest left at values its own error covers),
        with `funding`: who funds it and what it applies to."""
        data = self.cleaned_data
        return Voucher(
            code=data.get("code") or "",
            name=(data.get("name") or "").strip(),
            name_en=(data.get("name_en") or "").strip(),
            value_type=data.get("value_type") or "",
            value=data.get("value") or 0,
            min_spend_amount=data.get("min_spend_amount") or 0,
            starts_at=data.get("starts_at") or timezone.now(),
            ends_at=data.get("ends_at"),
            usage_limit=data.get("usage_limit"),
            limit_per_customer=data.get("limit_per_customer"),
            **funding,
        )

    def check_the_rest(self, voucher: Voucher) -> None:
        try:
            check_new_voucher(voucher)
        except ValidationErrors as refused:
            self.add_other_errors(refused)


# The steps the seller centre's and the officer console's voucher pages share.


def voucher_row(voucher: Voucher, now: Any) -> dict[str, Any]:
    """What a list shows of one voucher (the officer console's lists too)."""
    state = voucher_state(voucher, now)
    return {
        "voucher": voucher,
        "value": value_text(voucher),
        "min_spend": format_vnd(voucher.min_spend_amount) if voucher.min_spend_amount else "",
        "state": state.value,
        "state_label": state.label,
        "discounted": format_vnd(getattr(voucher, "discounted", 0)),
    }


def limits_initial(voucher: Voucher) -> dict[str, Any]:
    return {
        "usage_limit": voucher.usage_limit,
        "limit_per_customer": voucher.limit_per_customer,
        "ends_at": voucher.ends_at,
    }


def save_limits(request: HttpRequest, voucher: Voucher, form: LimitsForm) -> bool:
    """Change the limits through the domain; False with the errors on the form."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        do_change_voucher(
            request.user,
            voucher.pk,
            usage_limit=data["usage_limit"],
            limit_per_customer=data["limit_per_customer"],
            ends_at=data["ends_at"],
        )
    except ValidationErrors as refused:
        add_domain_errors(form, refused)
        return False
    return True


def said_saved(request: HttpRequest, voucher: Voucher) -> None:
    messages.success(request, gettext("The voucher %(code)s is saved.") % {"code": voucher.code})


def end_now(request: HttpRequest, voucher: Voucher) -> None:
    do_end_voucher(request.user, voucher.pk)
    messages.success(request, gettext("The voucher %(code)s has ended.") % {"code": voucher.code})
