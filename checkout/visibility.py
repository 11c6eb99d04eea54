"""Who sees which checkouts: a cart with an owner is that owner's (and admins'); an
anonymous cart is anyone's who holds its unguessable id, as in Saleor.

`checkout(id:)`, `node(id:)` and the checkout mutations all apply this rule, as a filter
(`Checkout.objects.visible_to`) or for one loaded cart (`can_see_checkout`). Its lines are
shown only inside it, never by id.
"""

from __future__ import annotations

from typing import Any

from accounts.visibility import is_staff


def signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def can_see_checkout(user: Any, checkout: Any) -> bool:
    if checkout.user_id is None:
        return True
    return signed_in(user) and (checkout.user_id == user.pk or is_staff(user))
