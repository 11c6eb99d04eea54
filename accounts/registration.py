"""Sign-up: who may register with what. Codes are values of Saleor's AccountErrorCode."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.text import storable
from core.errors import FieldError, ValidationErrors, fail
from outbox.publish import publish

# The Celery task that e-mails an unconfirmed account its link (accounts.tasks; its work is
# accounts.confirmation.send_confirmation).
SEND_CONFIRMATION = "accounts.tasks.send_confirmation"
# accounts.User columns: email is an EmailField of 254; names hold 150 (Saleor allows 256).
EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length or 254
NAME_MAX_LENGTH = User._meta.get_field("first_name").max_length or 150
# Django's validator codes that Saleor's AccountErrorCode names; the rest are INVALID_PASSWORD.
_PASSWORD_CODES = {"password_too_short", "password_too_common"}


def normalize_email(email: str) -> str:
    return email.strip().lower()


def language_of(code: str | None) -> str:
    """Saleor clients send LanguageCodeEnum names (EN, EN_US, VI…) or nothing at all; we
    speak Vietnamese and English, and Vietnamese is the default."""
    primary = (code or "").strip().lower().replace("-", "_").split("_")[0]
    return "en" if primary == "en" else "vi"


def _valid_email(email: str) -> bool:
    if len(email) > EMAIL_MAX_LENGTH or not storable(email):
        return False
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def check_registration(
    email: str, password: str, first_name: str | None, last_name: str | None
) -> None:
    """Raise ValidationErrors with every problem of a sign-up; null names are empty names."""
    errors: list[FieldError] = []
    email = normalize_email(email)
    if not _valid_email(email):
        errors.append(FieldError("email", "Enter a valid email address.", "invalid"))
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if len(value or "") > NAME_MAX_LENGTH or not storable(value or ""):
            message = _("At most %(limit)s characters, without NUL characters.") % {
                "limit": NAME_MAX_LENGTH
            }
            errors.append(FieldError(field, message, "invalid"))
    if not storable(password):
        errors.append(FieldError("password", "Enter a valid password.", "invalid_password"))
    else:
        try:
            password_validation.validate_password(password, User(email=email))
        except ValidationError as exc:
            codes = [error.code for error in exc.error_list]
            code = next((c for c in codes if c in _PASSWORD_CODES), "invalid_password")
            errors.append(FieldError("password", " ".join(exc.messages), code))
    if (
        not any(error.field == "email" for error in errors)
        and User.objects.filter(email=email).exists()
    ):
        errors.append(FieldError("email", "User with this Email already exists.", "unique"))
    if errors:
        raise ValidationErrors(errors)


def do_register(
    email: str,
    password: str,
    *,
    first_name: str | None = None,
    last_name: str | None = None,
    language_code: str | None = None,
    confirm_at: str = "",
) -> User:
    """Check and create a customer account (one INSERT in its own transaction, the
    outermost). With `confirm_at` (a storefront's confirmation page, see
    accounts.confirmation) it is inactive until its e-mailed link confirms it: the task
    that sends the link is queued in the same transaction, so an account is never left
    without its e-mail, and no request waits on the mail server.

    Locks: none (new rows; the unique email index settles a race with another request).
    """
    check_registration(email, password, first_name, last_name)
    confirmed = not confirm_at
    try:
        with transaction.atomic(durable=True):
            user = User.objects.create_user(
                normalize_email(email),
                password,
                first_name=(first_name or "").strip(),
                last_name=(last_name or "").strip(),
                language_code=language_of(language_code),
                is_confirmed=confirmed,
                is_active=confirmed,
            )
            if confirm_at:
                publish(SEND_CONFIRMATION, user.pk, confirm_at)
            return user
    except IntegrityError:
        # Another request registered the same email between the check and the insert.
        fail("email", "User with this Email already exists.", "unique")
