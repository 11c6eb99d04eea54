"""Row locks for accounts. Call inside `transaction.atomic()`."""

from __future__ import annotations

from accounts.models import User


def lock_user(pk: int) -> User | None:
    """The user row, locked FOR NO KEY UPDATE (its password changes, never its key): two
    requests spending the same password-reset link queue here, and the second sees the new
    password hash, which no longer matches the link."""
    return User.objects.select_for_update(no_key=True).filter(pk=pk).first()
