"""Django's minimum-length password rule, with its message in our catalogues.

Django 5.2 renamed the rule's msgid (`%d` for `%(min_length)d`) and its Vietnamese catalogue
has not caught up, so a Vietnamese visitor read the one English sentence among the errors.
The rule is Django's; only the message is ours (no plural forms: our catalogues have none,
and the minimum is never 1)."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return gettext(
            "This password is too short. It must contain at least %(min_length)s characters."
        ) % {"min_length": self.min_length}
