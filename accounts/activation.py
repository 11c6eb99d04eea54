"""Account activation: the link that lets a household onboarded by an officer choose its
password (printed as a QR code on its activation card, and e-mailed when it has an address).

The mechanism is the password reset's (`accounts.password_reset`): the link carries the
user's id (base64) and a token of a `PasswordResetTokenGenerator` — an HMAC over the user's
id, password hash, last sign-in and the time it was made, signed with SECRET_KEY — with its
own salt (a reset token is no activation token, and the other way round) and its own, longer
lifetime: `OCOP_ACTIVATION_LINK_DAYS` (a card is printed, carried home, and opened days
later). Setting the password changes what the HMAC covers, so every link issued before dies:
single use. Issuing a new link (printing the card again) needs no row: the old one keeps
working until it expires or a password is set.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.password_reset import check_new_password, set_password_through_link
from core.errors import fail

INVALID = _("This activation link is invalid, already used or expired.")


def lifetime_seconds() -> int:
    return int(settings.OCOP_ACTIVATION_LINK_DAYS) * 24 * 3600


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.activation.ActivationTokenGenerator"

    def check_token(self, user: User | None, token: str | None) -> bool:  # type: ignore[override]
        """Django's check, with the activation lifetime instead of PASSWORD_RESET_TIMEOUT."""
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= lifetime_seconds()


activation_tokens = ActivationTokenGenerator()


def activation_parts(user: User) -> tuple[str, str]:
    """(uidb64, token) of a fresh activation link for `user`."""
    return urlsafe_base64_encode(force_bytes(user.pk)), activation_tokens.make_token(user)


def activation_url(user: User) -> str:
    """A fresh absolute activation link for `user` (on OCOP_PUBLIC_URL: it is printed and
    e-mailed, so never the host of whichever request issued it)."""
    path = reverse("web:account_activate", args=activation_parts(user))
    return f"{settings.OCOP_PUBLIC_URL}{path}"


def user_of_activation(uidb64: str, token: str) -> User | None:
    """The account an activation link is for, or None when forged, used or expired."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not activation_tokens.check_token(user, token):
        return None
    return user


def check_activation(user: User | None, token: str, password: str) -> None:
    """The link must still be good; the password passes the site's validators (the reset's
    rule, `accounts.password_reset.check_new_password`)."""
    if user is None or not activation_tokens.check_token(user, token):
        fail("token", INVALID, "invalid")
    check_new_password(user, password)


def do_activate(uidb64: str, token: str, password: str) -> User:
    """Set the first password of an account through its activation link, spending the link.

    Locks: the user row, through `accounts.password_reset.set_password_through_link`.
    """
    return set_password_through_link(
        user_of_activation(uidb64, token), token, password, check_activation
    )
