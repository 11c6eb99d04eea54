"""Who sees which orders, as queryset methods (`Order.objects.visible_to(user)`).

The rule and its in-memory form live side by side in `orders.permissions`
(`can_view_order`/`viewable_order_q`, `can_view_group`/`viewable_group_q`); `order(id:)`,
`orderGroup(id:)` and `node(id:)` all filter through these methods. Lines, events,
fulfillments and payments are shown only inside their order, never by id.

`orders.models` imports this module, so the rule is imported in the methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from orders.models import Order, OrderGroup  # noqa: F401  (generic parameters)


class OrderQuerySet(models.QuerySet["Order"]):
    def visible_to(self, user: Any) -> OrderQuerySet:
        """Guests' orders (their id is the secret), and the buyer's, its seller's members',
        officers' in scope and admins' (personal data is masked for the first)."""
        from orders.permissions import viewable_order_q

        return self.filter(viewable_order_q(user))


class OrderGroupQuerySet(models.QuerySet["OrderGroup"]):
    def visible_to(self, user: Any) -> OrderGroupQuerySet:
        """Guests' purchases, and the buyer's, national officers' and admins'."""
        from orders.permissions import viewable_group_q

        return self.filter(viewable_group_q(user))
