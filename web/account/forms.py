"""The account pages' forms: they read and bound what was typed; every rule (what a valid
sign-up or password is) is the domain's (accounts.registration, accounts.password_reset),
whose ValidationErrors land on these fields by name (`add_domain_errors`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.registration import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH
from core.errors import ValidationErrors

PASSWORD_MAX_LENGTH = 128  # Django's own forms' bound; the validators judge the rest


class SignUpForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), required=False, max_length=NAME_MAX_LENGTH)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=NAME_MAX_LENGTH)
    email = forms.CharField(label=_("Email"), max_length=EMAIL_MAX_LENGTH)
    password = forms.CharField(
        label=_("Password"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        help_text=_("At least 8 characters, not a common password."),
    )


class LoginForm(forms.Form):
    # Named `email` for the API's and the old form's sake; it takes a mobile number too.
    email = forms.CharField(
        label=_("Email or phone number"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("A household onboarded by an officer signs in with its phone number."),
    )
    password = forms.CharField(label=_("Password"), max_length=PASSWORD_MAX_LENGTH, strip=False)


class ResetRequestForm(forms.Form):
    email = forms.CharField(label=_("Email"), max_length=EMAIL_MAX_LENGTH)


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        help_text=_("At least 8 characters, not a common password."),
    )


def add_domain_errors(form: forms.Form, errors: ValidationErrors) -> None:
    """Each domain FieldError onto its field (or the form, for a field it does not show),
    in the visitor's language: lazy messages render in it, and the few plain English
    strings the domain shares with Django's forms go through the catalogue here."""
    for error in errors.errors:
        message = error.message
        if isinstance(error.text, str):
            message = gettext(message)
        field = error.field if error.field in form.fields else None
        form.add_error(field, message)
