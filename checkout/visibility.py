"""Who sees which checkouts: a cart with an owner is that owner's (and admins'); an
anonymous cart is anyone's who holds its unguessable id, as in Saleor.

`checkout(id:)`, `node(id:)` and the checkout mutations all apply this rule, as a filter
(`Checkout.objects.visible_to`) or for one loaded cart (`can_see_checkout`). Its lines are
shown only inside it, never by id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from accounts.visibility import is_staff

if TYPE_CHECKING:
    from checkout.models import Checkout  # noqa: F401  (the generic parameter)


def _signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def can_see_checkout(user: Any, checkout: Any) -> bool:
    if checkout.user_id is None:
        return True
    return _signed_in(user) and (checkout.user_id == user.pk or is_staff(user))


class CheckoutQuerySet(models.QuerySet["Checkout"]):
    def visible_to(self, user: Any) -> CheckoutQuerySet:
        """`can_see_checkout` as a filter."""
        if is_staff(user):
            return self.all()
        condition = Q(user__isnull=True)
        if _signed_in(user):
            condition |= Q(user_id=user.pk)
        return self.filter(condition)
