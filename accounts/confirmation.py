"""Confirming a sign-up by e-mail (Saleor's `confirmAccount`), when the site asks for it
(`OCOP_SIGNUP_CONFIRMATION`): the account is created inactive and unconfirmed, and a link
carrying the address and a signed token (a `PasswordResetTokenGenerator`'s with its own salt,
as the activation and reset links are: `accounts.activation`) confirms and activates it.
Celery e-mails the link; its task is queued with the account (accounts.registration).
Confirming changes `is_active`, which the HMAC does not cover, so the check also refuses an
account that is already confirmed: the link works once.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accounts.links import link_with
from accounts.lock_objects import lock_user
from accounts.models import User
from accounts.registration import normalize_email
from core.errors import fail

INVALID = _("This confirmation link is invalid or has expired.")


class ConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.confirmation.ConfirmationTokenGenerator"


confirmation_tokens = ConfirmationTokenGenerator()


def confirmation_required() -> bool:
    return bool(getattr(settings, "OCOP_SIGNUP_CONFIRMATION", False))


def confirmation_email(user: User, link: str) -> EmailMultiAlternatives:
    language = "en" if user.language_code == "en" else "vi"
    with override(language):
        subject = str(_("Confirm your OCOP Marketplace account"))
        intro = str(_("Welcome! Confirm the address %(email)s to start using your account.")) % {
            "email": user.email
        }
        action = str(_("Confirm my account"))
    text = f"{intro}\n\n{action}: {link}\n\nOCOP Marketplace\n"
    html = f'<p>{escape(intro)}</p><p><a href="{escape(link)}">{escape(action)}</a></p>'
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email or ""]
    )
    message.attach_alternative(html, "text/html")
    return message


def send_confirmation(user_id: int, redirect_url: str) -> bool:
    """The task's work (queued by accounts.registration.do_register): e-mail the account its
    confirmation link to the storefront's page, with a token made now (it never sits in a
    table); False when the account is gone or confirmed already. Raises what the mail
    server raises (the task retries)."""
    user = User.objects.filter(pk=user_id, is_confirmed=False).first()
    if user is None or not user.email:
        return False
    token = confirmation_tokens.make_token(user)
    link = link_with(redirect_url, email=user.email, token=token)
    confirmation_email(user, link).send(fail_silently=False)
    return True


def check_confirmation(user: User | None, token: str) -> None:
    if user is None or user.is_confirmed or not confirmation_tokens.check_token(user, token):
        fail("token", INVALID, "invalid")


@transaction.atomic(durable=True)
def do_confirm_account(email: str, token: str) -> User:
    """Confirm and activate the account of `email` through its link.

    Locks: the user row (accounts.lock_objects.lock_user, FOR NO KEY UPDATE), re-checked
    locked so two uses of one link cannot both pass.
    """
    found = User.objects.filter(email=normalize_email(email)).first()
    check_confirmation(found, token)
    assert found is not None
    user = lock_user(found.pk)
    check_confirmation(user, token)
    assert user is not None
    user.is_confirmed = True
    user.is_active = True
    user.save(update_fields=["is_confirmed", "is_active", "updated_at"])
    return user
