"""Who sees which user rows: a user is visible to itself and to staff, never to anyone else.

Others appear only through fields that show them deliberately (an order's buyer to its
seller, a livestream's host by name), never by looking a user up by id.
"""

from __future__ import annotations

from typing import Any


def is_staff(user: Any) -> bool:
    """Django's staff and superusers: the marketplace's administrators."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and (user.is_staff or user.is_superuser)
    )
