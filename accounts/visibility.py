"""Who sees which user rows: a user is visible to itself and to staff, never to anyone else.

Others appear only through fields that show them deliberately (an order's buyer to its
seller, a livestream's host by name), never by looking a user up by id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from accounts.models import User  # noqa: F401  (the generic parameter below)


def is_staff(user: Any) -> bool:
    """Django's staff and superusers: the marketplace's administrators."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and (user.is_staff or user.is_superuser)
    )


class UserQuerySet(models.QuerySet["User"]):
    def visible_to(self, user: Any) -> UserQuerySet:
        """What `me` shows: the viewer itself; staff see every user."""
        if is_staff(user):
            return self.all()
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(pk=user.pk)
