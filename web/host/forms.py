"""The host console's forms. They check the shape of the input (numbers are numbers, dates
are dates); every rule is the domain's (`livestream.scheduling`, `offers`, `flash`), whose
errors `apply_errors` puts on the matching field."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.errors import ValidationErrors

VIET_NAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def apply_errors(
    form: forms.Form, errors: ValidationErrors, fields: Mapping[str, str] | None = None
) -> None:
    """The domain's field errors onto the form (`fields` renames domain fields); an error
    on no field of the form goes to the top."""
    for error in errors.errors:
        name = (fields or {}).get(error.field or "", error.field)
        form.add_error(name if name in form.fields else None, error.message)


class SessionForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("host console", "Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea, max_length=2000
    )
    start_date = forms.DateField(
        label=pgettext_lazy("host console", "Start date"),
        help_text=pgettext_lazy("host console", "For example 2026-12-24 (Viet Nam time)."),
    )
    start_time = forms.TimeField(
        label=pgettext_lazy("host console", "Start time"),
        help_text=pgettext_lazy("host console", "For example 19:30."),
    )
    duration_minutes = forms.IntegerField(
        label=pgettext_lazy("host console", "Duration in minutes"), min_value=1, max_value=24 * 60
    )
    stream_url = forms.CharField(
        label=pgettext_lazy("host console", "Stream address"),
        required=False,
        max_length=500,
        help_text=pgettext_lazy(
            "host console", "A YouTube, Facebook or TikTok live link, or an HLS (.m3u8) address."
        ),
    )

    # Domain field → form field.
    FIELDS = {"starts_at": "start_date", "ends_at": "duration_minutes"}

    def domain_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        starts_at = datetime.datetime.combine(
            data["start_date"], data["start_time"], tzinfo=VIET_NAM
        )
        return {
            "title": data["title"],
            "description": data["description"],
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(minutes=data["duration_minutes"]),
            "stream_url": data["stream_url"],
        }

    @classmethod
    def initial_of(cls, session: Any) -> dict[str, Any]:
        starts = session.starts_at.astimezone(VIET_NAM)
        return {
            "title": session.title,
            "description": session.description,
            "start_date": starts.date(),
            "start_time": starts.time().replace(second=0, microsecond=0),
            "duration_minutes": int((session.ends_at - session.starts_at).total_seconds() // 60),
            "stream_url": session.stream_url,
        }


class InviteForm(forms.Form):
    seller = forms.TypedChoiceField(
        label=pgettext_lazy("host console", "Producer to invite"), coerce=int
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["seller"]).choices = [
            ("", pgettext_lazy("host console", "Choose a producer")),
            *choices,
        ]


def _amount(label: Any, **extra: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, **extra)


class OfferForm(forms.Form):
    variant = forms.TypedChoiceField(label=_("Product"), coerce=int)
    live_price = _amount(
        pgettext_lazy("host console", "Live price (₫)"),
        help_text=pgettext_lazy("host console", "Below the regular price."),
    )
    quantity_cap = _amount(pgettext_lazy("host console", "Units offered"))
    per_buyer_limit = _amount(pgettext_lazy("host console", "Limit per buyer"))

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["variant"]).choices = [
            ("", pgettext_lazy("host console", "Choose a product")),
            *choices,
        ]


class FlashForm(forms.Form):
    offer = forms.TypedChoiceField(label=pgettext_lazy("host console", "Offer"), coerce=int)
    flash_price = _amount(
        pgettext_lazy("host console", "Flash price (₫)"),
        help_text=pgettext_lazy("host console", "Below the offer's live price."),
    )
    quantity_cap = _amount(pgettext_lazy("host console", "Units in the flash deal"))
    per_buyer_limit = _amount(pgettext_lazy("host console", "Limit per buyer"))
    countdown_seconds = forms.IntegerField(
        label=pgettext_lazy("host console", "Opens in (seconds)"),
        initial=30,
        help_text=pgettext_lazy("host console", "From 10 to 300 seconds."),
    )
    duration_minutes = forms.IntegerField(
        label=pgettext_lazy("host console", "Lasts (minutes)"),
        initial=5,
        help_text=pgettext_lazy("host console", "From 1 to 20 minutes."),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["offer"]).choices = choices
