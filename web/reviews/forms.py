"""The review, reply and hide forms. They only shape the input: the rules (who, when, how
long, which files) are `reviews.actions`', whose errors `add_domain_errors` puts next to
the fields they name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationErrors
from reviews.models import MAX_STARS, MIN_STARS, Review, SellerReply

STAR_LABELS = {
    5: _("5 stars: excellent"),
    4: _("4 stars: good"),
    3: _("3 stars: fair"),
    2: _("2 stars: poor"),
    1: _("1 star: bad"),
}
STAR_CHOICES = [(str(n), STAR_LABELS[n]) for n in range(MAX_STARS, MIN_STARS - 1, -1)]


class AccessibleForm(forms.Form):
    """Marks each field in error (`aria-invalid`, `aria-describedby` its message's id,
    `<auto_id>-error`) once the errors are known."""

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()

    def mark_errors(self) -> None:
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; their checks are the domain's."""

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        return list(data) if isinstance(data, list | tuple) else [data]


def _limit(model: type, name: str) -> int:
    return int(model._meta.get_field(name).max_length)  # type: ignore[attr-defined]


class ReviewForm(AccessibleForm):
    stars = forms.ChoiceField(
        label=_("Your rating"),
        choices=STAR_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how many stars.")},
    )
    text = forms.CharField(
        label=_("Your review"),
        required=False,
        max_length=_limit(Review, "text"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photos = MultipleFileField(
        label=_("Photos (up to 4, JPEG, PNG or WEBP)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class ReplyForm(AccessibleForm):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=_limit(SellerReply, "text"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your reply.")},
    )


class HideForm(AccessibleForm):
    reason = forms.CharField(
        label=_("Why hide this review?"),
        max_length=_limit(Review, "hidden_reason"),
        error_messages={"required": _("Say why the review is hidden.")},
    )


def add_domain_errors(form: forms.Form, refused: ValidationErrors) -> None:
    """Each domain error next to its field (or at the top when it names none of them)."""
    for error in refused.errors:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
    if isinstance(form, AccessibleForm):
        form.mark_errors()
