"""Password reset by e-mail: who gets a link, what the link proves, and setting the password.

The link carries the user's id (base64) and a token of Django's `PasswordResetTokenGenerator`
(`default_token_generator`): an HMAC over the user's id, password hash, last login and the
time it was made, signed with SECRET_KEY. So it is signed, it expires after
`PASSWORD_RESET_TIMEOUT` seconds, and it is single use: setting the password (or signing in)
changes what the hash covers, and every link made before stops matching.

Requesting a reset answers the same whether or not the address has an account (no account
enumeration); the caller throttles requests (`accounts.throttle.record_password_reset_request`).
Known gap: the e-mail is sent within the request, so an answer for an existing account takes
one SMTP hand-off longer; sending through the outbox and Celery (as the order e-mails do)
would close that timing difference.
The web's "forgot password" pages call these functions, and so do the API's
`requestPasswordReset` and `setPassword` (storefront_api/account/password.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accounts.lock_objects import lock_user
from accounts.models import User
from accounts.registration import _valid_email, normalize_email
from accounts.text import storable
from core.errors import FieldError, ValidationErrors, fail

# Builds the absolute link of the set-password page from (uidb64, token).
LinkBuilder = Callable[[str, str], str]


def check_reset_request(email: str) -> None:
    """The address must look like one; whether it has an account is never said."""
    if not _valid_email(normalize_email(email)):
        fail("email", _("Enter a valid email address."), "invalid")


def _resettable(email: str) -> User | None:
    # Django's PasswordResetForm rule: active accounts with a usable password.
    user = User.objects.filter(email=normalize_email(email), is_active=True).first()
    return user if user is not None and user.has_usable_password() else None


def link_parts(user: User) -> tuple[str, str]:
    """(uidb64, token) of a fresh reset link for `user`."""
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


def reset_email(user: User, link: str) -> EmailMultiAlternatives:
    """In the account's language (Vietnamese unless it chose English)."""
    language = "en" if user.language_code == "en" else "vi"
    minutes = settings.PASSWORD_RESET_TIMEOUT // 60
    with override(language):
        subject = str(_("Reset your OCOP Marketplace password"))
        intro = str(_("Someone asked to reset the password of your account %(email)s.")) % {
            "email": user.email
        }
        action = str(_("Choose a new password"))
        expiry = str(_("This link works once, within %(minutes)s minutes.")) % {"minutes": minutes}
        ignore = str(_("If you did not ask for this, ignore this e-mail: nothing changes."))
    text = f"{intro}\n\n{action}: {link}\n\n{expiry}\n{ignore}\n\nOCOP Marketplace\n"
    html = (
        f"<p>{escape(intro)}</p>"
        f'<p><a href="{escape(link)}">{escape(action)}</a></p>'
        f"<p>{escape(expiry)}<br>{escape(ignore)}</p>"
    )
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email or ""]
    )
    message.attach_alternative(html, "text/html")
    return message


def do_request_password_reset(email: str, link_for: LinkBuilder) -> None:
    """Check the address and, when an active account has it, e-mail it a reset link.

    Returns nothing either way, so no caller can tell whether the account exists.
    Locks: none (reads one row, writes nothing).
    """
    check_reset_request(email)
    user = _resettable(email)
    if user is None:
        return
    reset_email(user, link_for(*link_parts(user))).send(fail_silently=False)


def user_of_link(uidb64: str, token: str) -> User | None:
    """The account a reset link is for, or None when the link is forged, used or expired."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def check_set_password(user: User | None, token: str, password: str) -> None:
    """The link must still be good and the password pass the site's validators."""
    if user is None or not default_token_generator.check_token(user, token):
        fail("token", _("This password reset link is invalid or has expired."), "invalid")
    check_new_password(user, password)


def check_new_password(user: User, password: str) -> None:
    """The site's password rule (also the activation link's, `accounts.activation`)."""
    if not storable(password):
        fail("password", _("Enter a valid password."), "invalid_password")
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationErrors(
            [FieldError("password", " ".join(exc.messages), "invalid_password")]
        ) from None


# Checks a link's user (None: no such user), its token and the new password; raises.
LinkCheck = Callable[[User | None, str, str], None]


def set_password_through_link(
    found: User | None, token: str, password: str, check: LinkCheck
) -> User:
    """Set `found`'s password once `check` passes, re-checked on the locked row so two
    submissions of one link cannot both pass (setting the password spends the link).
    Shared by the reset link and the activation link (`accounts.activation`).

    Locks: the user row (accounts.lock_objects.lock_user, FOR NO KEY UPDATE). One
    transaction, the outermost.
    """
    check(found, token, password)
    assert found is not None  # check failed otherwise
    with transaction.atomic(durable=True):
        user = lock_user(found.pk)
        # Re-checked on the locked row: a concurrent use of the link changed the hash.
        check(user, token, password)
        assert user is not None
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def do_set_password(uidb64: str, token: str, password: str) -> User:
    """Set a new password through a reset link, spending the link.

    Locks: the user row, through `set_password_through_link`.
    """
    return set_password_through_link(
        user_of_link(uidb64, token), token, password, check_set_password
    )
