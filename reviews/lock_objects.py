"""Row locks for reviews. Call inside `transaction.atomic()`.

Lock order: order line → review → product → seller. The order line's lock makes two
submits for one line queue up (the second sees the first's review and is refused); the
product and seller locks serialize the recount of their rating aggregates.
"""

from __future__ import annotations

from typing import Any

from catalog.models import Product
from orders.models import OrderLine
from reviews.models import Review
from sellers.models import Seller


def lock_order_line(pk: Any) -> OrderLine | None:
    """The order line, FOR NO KEY UPDATE (nothing of it changes; the lock queues reviews of
    the same line); its order is read along, not locked."""
    return (
        OrderLine.objects.select_for_update(of=("self",), no_key=True)
        .select_related("order", "variant")
        .filter(pk=pk)
        .first()
    )


def lock_review(pk: Any) -> Review | None:
    """The review row, FOR NO KEY UPDATE (only its hidden state changes); its seller is read
    along (not locked) for the permission checks."""
    return (
        Review.objects.select_for_update(of=("self",), no_key=True)
        .select_related("seller")
        .filter(pk=pk)
        .first()
    )


def lock_rated(product_id: int, seller_id: int) -> None:
    """The product, then the seller, FOR NO KEY UPDATE (only their rating columns change),
    so two recounts of the same aggregates never interleave."""
    list(Product.objects.select_for_update(no_key=True).filter(pk=product_id).values_list("pk"))
    list(Seller.objects.select_for_update(no_key=True).filter(pk=seller_id).values_list("pk"))
