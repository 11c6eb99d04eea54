"""Asking to delete one's account (Saleor's `accountRequestDeletion` then `accountDelete`):
the request queues an e-mail (sent by Celery through the outbox) with a link carrying a signed
token to the storefront's page; the deletion itself needs the signed-in owner and that token
(`checkout.account_deletion`).

The token is a `PasswordResetTokenGenerator`'s, with its own salt (no reset or activation
token is a deletion token): an HMAC over the user's id, password hash, last sign-in and the
time it was made, valid for PASSWORD_RESET_TIMEOUT. Deleting makes the password unusable,
which changes what the HMAC covers: the link works once.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accounts.links import link_with
from accounts.models import User
from core.errors import fail
from outbox.publish import publish

# The Celery task that e-mails the link (accounts.tasks).
SEND_DELETION_LINK = "accounts.tasks.send_deletion_link"
INVALID = _("This account deletion link is invalid or has expired.")


class DeletionTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.deletion_request.DeletionTokenGenerator"


deletion_tokens = DeletionTokenGenerator()


def check_deletion_token(user: User, token: str) -> None:
    if not deletion_tokens.check_token(user, token):
        fail("token", INVALID, "invalid")


def deletion_email(user: User, link: str) -> EmailMultiAlternatives:
    """In the account's language (Vietnamese unless it chose English)."""
    language = "en" if user.language_code == "en" else "vi"
    with override(language):
        subject = str(_("Delete your OCOP Marketplace account"))
        intro = str(_("Someone asked to delete your account %(email)s.")) % {"email": user.email}
        action = str(_("Delete my account"))
        kept = str(
            _(
                "Your orders stay in the sellers' records as the law requires, without your "
                "name, address or e-mail."
            )
        )
        ignore = str(_("If you did not ask for this, ignore this e-mail: nothing changes."))
    text = f"{intro}\n\n{action}: {link}\n\n{kept}\n{ignore}\n\nOCOP Marketplace\n"
    html = (
        f"<p>{escape(intro)}</p>"
        f'<p><a href="{escape(link)}">{escape(action)}</a></p>'
        f"<p>{escape(kept)}<br>{escape(ignore)}</p>"
    )
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email or ""]
    )
    message.attach_alternative(html, "text/html")
    return message


def do_request_account_deletion(user: User, redirect_url: str) -> None:
    """Queue the task that e-mails the account a deletion link to the storefront's page
    (`send_deletion_link`); an account without an e-mail address has nowhere to receive one.

    Locks: none (writes one outbox row).
    """
    if not user.email:
        fail(None, _("This account has no e-mail address to send the link to."), "invalid")
    publish(SEND_DELETION_LINK, user.pk, redirect_url)


def send_deletion_link(user_id: int, redirect_url: str) -> bool:
    """The task's work: e-mail the account its deletion link, with a token made now (it
    never sits in a table); False when the account or its address is gone. Raises what the
    mail server raises (the task retries)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    link = link_with(redirect_url, token=deletion_tokens.make_token(user))
    deletion_email(user, link).send(fail_silently=False)
    return True
