"""What the catalog tells other apps about changes no model signal reports.

A conditional UPDATE, `queryset.update()` or raw SQL sends no `post_save`; the code that
does one sends `products_changed` instead, inside its transaction, so an app built on the
catalog (search, which registers its receiver in SearchConfig.ready) can react without the
catalog importing it. Orders, which move stock in bulk, send it too.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with `product_ids`: an iterable of product pks (it may be a lazy queryset, which
# only a receiver that needs the ids evaluates). Sent inside the transaction of the change.
products_changed = Signal()
