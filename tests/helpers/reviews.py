"""Builders for the reviews tests: an order line of a product, delivered or not, written
directly (the checkout and order actions have their own tests)."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from catalog.models import Product
from orders.models import Order, OrderGroup, OrderLine, OrderStatus
from tests import factories


def order_line(buyer: Any, product: Product, *, delivered: bool = True) -> OrderLine:
    """One order of `product`'s seller for `buyer` with one line; fulfilled and delivered
    unless `delivered` is False (then confirmed, not yet shipped)."""
    channel = factories.channel()
    group = OrderGroup.objects.create(
        checkout_token=uuid.uuid4(), user=buyer, user_email=buyer.email, channel=channel
    )
    order = Order.objects.create(
        group=group,
        seller=product.seller,
        user=buyer,
        user_email=buyer.email,
        channel=channel,
        status=OrderStatus.FULFILLED if delivered else OrderStatus.UNFULFILLED,
        delivered_at=timezone.now() if delivered else None,
    )
    variant = product.variants.order_by("pk").first()
    return OrderLine.objects.create(
        order=order,
        variant=variant,
        product_name=product.name,
        product_sku=variant.sku if variant else None,
        quantity=1,
        quantity_fulfilled=1 if delivered else 0,
        unit_price_amount=120_000,
        total_price_amount=120_000,
    )


def review_counts() -> dict[str, int]:
    """Rows of the reviews tables, to prove a refused call wrote nothing."""
    from reviews.models import Review, ReviewPhoto, SellerReply

    return {
        "reviews": Review.objects.count(),
        "photos": ReviewPhoto.objects.count(),
        "replies": SellerReply.objects.count(),
    }
