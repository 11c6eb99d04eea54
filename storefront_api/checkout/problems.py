"""Saleor's checkout problems (`Checkout.problems`, `CheckoutLine.problems`), from the
domain's `checkout.problems` (computed once per checkout per request, cached on its info)."""

from __future__ import annotations

from typing import Any

import graphene

from checkout.delivery import PricedMethod
from checkout.fetch import CheckoutInfo, LineInfo
from checkout.problems import CheckoutProblems, DeliveryProblem, LineProblem, checkout_problems
from storefront_api.checkout.mutations.delivery import delivery_id
from storefront_api.core.context import ChannelContext


def problems_of(info: CheckoutInfo) -> CheckoutProblems:
    cached: CheckoutProblems | None = getattr(info, "_problems", None)
    if cached is None:
        cached = checkout_problems(info)
        info._problems = cached  # type: ignore[attr-defined]
    return cached


def _line(problem: LineProblem) -> LineInfo:
    return problem.line


def _variant(problem: LineProblem, info: graphene.ResolveInfo) -> Any:
    return ChannelContext(problem.line.variant, problem.line.line.checkout.channel)


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int()
    line = graphene.Field("storefront_api.checkout.types.CheckoutLine", required=True)
    variant = graphene.Field("storefront_api.catalog.types.ProductVariant", required=True)

    @staticmethod
    def resolve_line(root: LineProblem, info: graphene.ResolveInfo) -> LineInfo:
        return _line(root)

    @staticmethod
    def resolve_variant(root: LineProblem, info: graphene.ResolveInfo) -> Any:
        return _variant(root, info)


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field("storefront_api.checkout.types.CheckoutLine", required=True)

    @staticmethod
    def resolve_line(root: LineProblem, info: graphene.ResolveInfo) -> LineInfo:
        return _line(root)


def _delivery(problem: DeliveryProblem) -> dict[str, Any]:
    """A `Delivery` (its type resolves fields of a dict as of an object)."""
    method = problem.method
    return {
        "id": delivery_id(problem.method_id),
        "shipping_method": PricedMethod(method, method.price_amount) if method else None,
    }


class CheckoutProblemDeliveryMethodStale(graphene.ObjectType):
    delivery = graphene.Field("storefront_api.checkout.types.Delivery", required=True)

    @staticmethod
    def resolve_delivery(root: DeliveryProblem, info: graphene.ResolveInfo) -> Any:
        return _delivery(root)


class CheckoutProblemDeliveryMethodInvalid(graphene.ObjectType):
    delivery = graphene.Field("storefront_api.checkout.types.Delivery", required=True)

    @staticmethod
    def resolve_delivery(root: DeliveryProblem, info: graphene.ResolveInfo) -> Any:
        return _delivery(root)


def _line_problem_type(instance: Any) -> Any:
    if instance.insufficient_stock:
        return CheckoutLineProblemInsufficientStock
    return CheckoutLineProblemVariantNotAvailable


class CheckoutLineProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)

    @classmethod
    def resolve_type(cls, instance: Any, info: graphene.ResolveInfo) -> Any:
        return _line_problem_type(instance)


class CheckoutProblem(graphene.Union):
    class Meta:
        types = (
            CheckoutProblemDeliveryMethodStale,
            CheckoutProblemDeliveryMethodInvalid,
            CheckoutLineProblemInsufficientStock,
            CheckoutLineProblemVariantNotAvailable,
        )

    @classmethod
    def resolve_type(cls, instance: Any, info: graphene.ResolveInfo) -> Any:
        if isinstance(instance, DeliveryProblem):
            if instance.stale:
                return CheckoutProblemDeliveryMethodStale
            return CheckoutProblemDeliveryMethodInvalid
        return _line_problem_type(instance)


def all_problems(info: CheckoutInfo) -> list[Any]:
    found = problems_of(info)
    return [*found.deliveries, *found.lines]


def line_problems(info: CheckoutInfo, line: LineInfo) -> list[LineProblem]:
    return problems_of(info).of_line(line)
