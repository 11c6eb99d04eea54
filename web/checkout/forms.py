"""The Vietnamese address form and the checkout's contact fields.

The form only carries what was typed: every rule is the domain's (`check_address`,
`check_email`), whose snake_case error fields are mapped onto these fields by
`add_domain_errors`. Django's own field validation is off (all fields optional) so that
an error is said once, in the domain's words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from checkout.models import Address
from core.errors import FieldError

# The form field → the AddressInput key of checkout.addresses.
ADDRESS_KEYS = {
    "name": "first_name",
    "phone": "phone",
    "street": "street_address_1",
    "province": "country_area",
    "ward": "city",
}
# Domain error fields this form has no field of its own for.
ERROR_FIELDS = {
    "last_name": "name",
    "company_name": "name",
    "street_address_2": "street",
    "country": "province",
    "postal_code": "street",
}


class AddressForm(forms.Form):
    name = forms.CharField(label=_("Recipient's full name"), required=False, max_length=256)
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=32,
        help_text=_("A Vietnamese number, for example 0912 345 678."),
    )
    street = forms.CharField(label=_("House number and street"), required=False, max_length=256)
    province = forms.CharField(
        label=_("Province or city"),
        required=False,
        max_length=128,
        help_text=_("One of the 34 provinces; an old province name also works."),
    )
    ward = forms.CharField(
        label=_("Commune or ward"),
        required=False,
        max_length=128,
        help_text=_("Type to search the communes and wards of the province."),
    )

    def address_input(self) -> dict[str, str]:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {key: str(data.get(name) or "") for name, key in ADDRESS_KEYS.items()} | {
            "country": "VN"
        }

    def add_domain_errors(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Put each error on its field; return the ones that belong to no field here."""
        keys = {key: name for name, key in ADDRESS_KEYS.items()} | ERROR_FIELDS
        rest = []
        for error in errors:
            field = keys.get(error.field or "")
            if field is None:
                rest.append(error)
            elif field not in self.errors:  # one message per field
                self.add_error(field, str(error_text(error)))
        return rest


def address_initial(address: Address | None) -> dict[str, str]:
    if address is None:
        return {}
    phone = address.phone
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    return {
        "name": " ".join(p for p in (address.first_name, address.last_name) if p),
        "phone": phone,
        "street": address.street_address_1,
        "province": address.province.name if address.province else address.country_area,
        "ward": address.city,
    }


def error_text(error: FieldError) -> str:
    """The domain's message in the active language, with its parameters."""
    return error.message


class ContactForm(forms.Form):
    email = forms.CharField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("We send the order confirmation and its link here."),
    )


def field_errors(form: forms.Form, extra: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The error summary: one link per field error, in the form's order."""
    items = [
        {"id": form[name].auto_id, "text": " ".join(str(e) for e in errs)}
        for name in form.fields
        if (errs := form.errors.get(name))
    ]
    return items + [{"id": key, "text": text} for key, text in (extra or {}).items()]
