"""Promotions' reactions to orders (orders.signals), connected in PromotionsConfig.ready():
orders sits below promotions and does not import it."""

from __future__ import annotations

from typing import Any

from orders.models import Order
from orders.signals import order_canceled
from promotions.redeem import give_back


def give_back_canceled(sender: Any, order: Order, **kwargs: Any) -> None:
    """A canceled order gives its gift card payments (and, with its group, the voucher's
    use) back, in the cancellation's transaction."""
    give_back(order)


def connect() -> None:
    order_canceled.connect(give_back_canceled, dispatch_uid="promotions-give-back")
