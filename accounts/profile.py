"""A signed-in user's own profile: names and language (`accountUpdate`), and changing the
password while signed in (`passwordChange`). Codes are Saleor's AccountErrorCode values."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.lock_objects import lock_user
from accounts.models import User
from accounts.password_reset import check_new_password
from accounts.registration import NAME_MAX_LENGTH, language_of
from accounts.text import storable
from core.errors import FieldError, ValidationErrors, fail


def check_profile(first_name: str | None, last_name: str | None) -> None:
    """Names fit their columns and hold no NUL; None leaves a name as it is."""
    errors = []
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if value is not None and (len(value) > NAME_MAX_LENGTH or not storable(value)):
            message = _("At most %(limit)s characters, without NUL characters.") % {
                "limit": NAME_MAX_LENGTH
            }
            errors.append(FieldError(field, message, "invalid"))
    if errors:
        raise ValidationErrors(errors)


@transaction.atomic(durable=True)
def do_update_profile(
    user: User,
    *,
    first_name: str | None = None,
    last_name: str | None = None,
    language_code: str | None = None,
) -> User:
    """Change the given names and language (None: unchanged).

    Locks: the user row (accounts.lock_objects.lock_user, FOR NO KEY UPDATE).
    """
    check_profile(first_name, last_name)
    locked = lock_user(user.pk)
    assert locked is not None
    if first_name is not None:
        locked.first_name = first_name.strip()
    if last_name is not None:
        locked.last_name = last_name.strip()
    if language_code is not None:
        locked.language_code = language_of(language_code)
    locked.save(update_fields=["first_name", "last_name", "language_code", "updated_at"])
    return locked


def check_password_change(user: User, old_password: str | None, new_password: str) -> None:
    """The old password must be right (Saleor: `oldPassword`, INVALID_CREDENTIALS) unless the
    account has none yet; the new one passes the site's rule (field `new_password`)."""
    if user.has_usable_password() and not user.check_password(old_password or ""):
        fail("old_password", _("Old password isn't valid."), "invalid_credentials")
    try:
        check_new_password(user, new_password)
    except ValidationErrors as failure:
        raise ValidationErrors(
            [FieldError("new_password", e.text, e.code, e.params) for e in failure.errors]
        ) from None


@transaction.atomic(durable=True)
def do_change_password(user: User, old_password: str | None, new_password: str) -> User:
    """Set a new password after checking the old one (on the locked row: a concurrent change
    is seen).

    Locks: the user row (accounts.lock_objects.lock_user, FOR NO KEY UPDATE).
    """
    locked = lock_user(user.pk)
    assert locked is not None
    check_password_change(locked, old_password, new_password)
    locked.set_password(new_password)
    locked.save(update_fields=["password", "updated_at"])
    return locked
