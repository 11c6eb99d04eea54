"""Signing in with an e-mail address or a mobile number.

Django's ModelBackend looks the account up by `USERNAME_FIELD` (the e-mail) only; a household
onboarded without an e-mail signs in with its phone (`User.login_phone`, E.164). This backend
takes either, as typed: "0912 345 678" and "+84912345678" find the same account.
Callers go through `accounts.throttle.authenticate_with_throttling`, which counts failures per
identifier in the same canonical form (`canonical_identifier`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from accounts.models import User
from accounts.phones import looks_like_phone, normalize_phone


def canonical_identifier(text: str) -> str:
    """The e-mail lowercased, or the phone in E.164; what the account is looked up by."""
    stripped = text.strip()
    if looks_like_phone(stripped):
        return normalize_phone(stripped) or stripped
    return stripped.lower()


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        identifier = username if username is not None else kwargs.get("email")
        if not identifier or password is None:
            return None
        key = canonical_identifier(identifier)
        lookup = {"login_phone": key} if key.startswith("+") else {"email": key}
        user = User.objects.filter(**lookup).first()
        if user is None:
            # Hash anyway, so a missing account takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
