"""Password reset by e-mail: who gets a link, what the link proves, and setting the password.

The link carries the user's id (base64) and a token of Django's `PasswordResetTokenGenerator`
(`default_token_generator`): an HMAC over the user's id, password hash, last login and the
time it was made, signed with SECRET_KEY. So it is signed, it expires after
`PASSWORD_RESET_TIMEOUT` seconds, and it is single use: setting the password (or signing in)
changes what the hash covers, and every link made before stops matching.

Requesting a reset answers the same whether or not the address has an account (no account
enumeration); the caller throttles requests (`accounts.throttle.record_password_reset_request`).
The request does the same work either way: it queues one task through the outbox (as the
order e-mails are), with the address and where the link leads (`ResetLink`), and the Celery
task looks the account up and sends. So neither the answer's time nor a mail server that is
down tells whether the account exists, and no request waits on SMTP. The token is made when
the e-mail is sent: it opens the account for its lifetime, so it never sits in a table.
The web's "forgot password" pages call these functions, and so do the API's
`requestPasswordReset` and `setPassword` (storefront_api/account/password.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accounts.links import link_with
from accounts.lock_objects import lock_user
from accounts.models import User
from accounts.registration import _valid_email, normalize_email
from accounts.text import storable
from core.errors import FieldError, ValidationErrors, fail
from outbox.publish import publish

# The Celery task's registered name (accounts/tasks.py imports this module).
SEND_PASSWORD_RESET = "accounts.tasks.send_password_reset"


@dataclass(frozen=True)
class ResetLink:
    """Where a reset e-mail's link leads, as data: it rides in the outbox row to the task
    that makes the token and sends. One of the two is given."""

    # A page of this site by URL name, given (uidb64, token): the web's set-password page,
    # under `site`, the site's public address when the reset was asked for.
    route: str = ""
    site: str = ""
    # Or a storefront's page (Saleor's shape), given the address and the token in its query.
    redirect_url: str = ""

    def as_json(self) -> dict[str, str]:
        return asdict(self)

    def build(self, user: User) -> str:
        """The absolute link for `user`, with a fresh token."""
        uidb64, token = link_parts(user)
        if self.redirect_url:
            return link_with(self.redirect_url, email=user.email or "", token=token)
        return f"{self.site}{reverse(self.route, args=[uidb64, token])}"


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


def do_request_password_reset(email: str, link: ResetLink) -> None:
    """Check the address and queue the task that e-mails it a reset link when an active
    account has it (`send_password_reset`). Does the same whether or not one has: no caller
    can tell whether the account exists, not even by the time it takes.

    Locks: none (writes one outbox row).
    """
    check_reset_request(email)
    publish(SEND_PASSWORD_RESET, normalize_email(email), link.as_json())


def send_password_reset(email: str, link: dict[str, Any]) -> bool:
    """The task's work: e-mail the account with this address, if it can still reset its
    password, a link made now; False when there is no such account. Raises what the mail
    server raises (the task retries). Delivery is at least once: a second e-mail holds a
    second link, and setting the password spends both."""
    user = _resettable(email)
    if user is None:
        return False
    reset_email(user, ResetLink(**link).build(user)).send(fail_silently=False)
    return True


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
