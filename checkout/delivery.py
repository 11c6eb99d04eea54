"""Pricing each seller's delivery methods, and choosing one per seller.

A seller-aware client picks a method per seller (a `CheckoutDelivery` row each). A Saleor
client that knows nothing of sellers picks one method from `checkout.shippingMethods`; that
method applies to its own seller, and every other seller uses its method of the same
service level, else its default method, else its cheapest applicable one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from checkout.models import ShippingMethod, ShippingRateKind


@dataclass(frozen=True)
class PricedMethod:
    method: ShippingMethod
    price: int

    @property
    def seller_id(self) -> int:
        return self.method.seller_id


def is_applicable(method: ShippingMethod, weight_grams: int) -> bool:
    if not method.is_active:
        return False
    return method.max_weight_grams is None or weight_grams <= method.max_weight_grams


def shipping_price(method: ShippingMethod, subtotal: int, weight_grams: int) -> int:
    """The price of `method` for one seller's part of the cart, in đồng."""
    if method.free_above_amount is not None and subtotal >= method.free_above_amount:
        return 0
    if method.rate_kind == ShippingRateKind.WEIGHT:
        started_kg = max(math.ceil(weight_grams / 1000), 1)
        return method.price_amount + (started_kg - 1) * method.price_per_kg_amount
    return method.price_amount


def priced_methods(
    methods: Sequence[ShippingMethod], subtotal: int, weight_grams: int
) -> list[PricedMethod]:
    return sorted(
        (
            PricedMethod(m, shipping_price(m, subtotal, weight_grams))
            for m in methods
            if is_applicable(m, weight_grams)
        ),
        key=lambda p: (p.price, p.method.pk),
    )


def suggested(options: Sequence[PricedMethod]) -> PricedMethod | None:
    """What to offer as chosen when the buyer has chosen nothing yet: the seller's default
    method, else the cheapest (`priced_methods` sorts by price). The cart and the checkout
    page show it checked; the buyer's choice is saved only when they send it."""
    default = next((p for p in options if p.method.is_default), None)
    return default or (options[0] if options else None)


def choose(
    options: Sequence[PricedMethod],
    *,
    explicit_id: int | None,
    primary: ShippingMethod | None,
) -> PricedMethod | None:
    """The effective method for one seller (see the module docstring for the rule)."""
    by_id = {p.method.pk: p for p in options}
    if explicit_id is not None and explicit_id in by_id:
        return by_id[explicit_id]
    if primary is None:
        return None
    if primary.pk in by_id:
        return by_id[primary.pk]
    same_level = [p for p in options if p.method.service_level == primary.service_level]
    if same_level:
        return same_level[0]
    default = next((p for p in options if p.method.is_default), None)
    return default or (options[0] if options else None)
