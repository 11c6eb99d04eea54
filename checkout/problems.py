"""What stands between a cart and an order, shown before the buyer tries (Saleor's
`Checkout.problems` and `CheckoutLine.problems`).

The same rules as `checkout.validation` and the stock allocation at completion, read from
the checkout's already loaded `CheckoutInfo`, plus one query for the free stock of every
tracked variant at once (none per line).

Delivery: a method the buyer picked that no longer applies (deactivated, or the parcel is
now over its weight limit) is INVALID. Our delivery prices are computed on every read, never
cached, so a delivery is never STALE (Saleor's other delivery problem).
"""

from __future__ import annotations

from dataclasses import dataclass

from checkout.fetch import CheckoutInfo, LineInfo, available_quantities
from checkout.models import ShippingMethod
from checkout.validation import unavailable_lines


@dataclass(frozen=True)
class LineProblem:
    line: LineInfo
    # None: the variant is not available at all; else the units that could be bought.
    available_quantity: int | None = None

    @property
    def insufficient_stock(self) -> bool:
        return self.available_quantity is not None


@dataclass(frozen=True)
class DeliveryProblem:
    method_id: int
    method: ShippingMethod | None  # None when it is no longer offered at all
    stale: bool = False


@dataclass(frozen=True)
class CheckoutProblems:
    lines: list[LineProblem]
    deliveries: list[DeliveryProblem]

    def of_line(self, line: LineInfo) -> list[LineProblem]:
        return [p for p in self.lines if p.line.line.pk == line.line.pk]


def line_problems(info: CheckoutInfo) -> list[LineProblem]:
    unavailable = {line.line.pk for line in unavailable_lines(info)}
    problems = [LineProblem(line) for line in info.lines if line.line.pk in unavailable]
    tracked = [
        line
        for line in info.lines
        if line.line.pk not in unavailable and line.variant.track_inventory
    ]
    free = available_quantities(line.variant.pk for line in tracked)
    problems.extend(
        LineProblem(line, available_quantity=free[line.variant.pk])
        for line in tracked
        if line.quantity > free[line.variant.pk]
    )
    order = {line.line.pk: n for n, line in enumerate(info.lines)}
    return sorted(problems, key=lambda p: order[p.line.line.pk])


def delivery_problems(info: CheckoutInfo) -> list[DeliveryProblem]:
    """A picked method that is not the one in effect for its seller no longer applies."""
    problems = []
    primary = info.checkout.delivery_method if info.checkout.delivery_method_id else None
    for part in info.parts:
        if not part.requires_shipping:
            continue
        requested = part.requested_id
        if requested is None and primary is not None and primary.seller_id == part.seller.pk:
            requested = primary.pk
        if requested is not None and (part.chosen is None or part.chosen.method.pk != requested):
            method = next(
                (m.method for m in part.options if m.method.pk == requested),
                primary if primary is not None and primary.pk == requested else None,
            )
            problems.append(DeliveryProblem(requested, method))
    return problems


def checkout_problems(info: CheckoutInfo) -> CheckoutProblems:
    return CheckoutProblems(lines=line_problems(info), deliveries=delivery_problems(info))
