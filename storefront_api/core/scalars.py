"""Saleor's custom scalars used by our inputs: PositiveDecimal and WeightScalar."""

from __future__ import annotations

import decimal
from typing import Any

import graphene
from graphql import GraphQLError
from graphql.language import ast


class PositiveDecimal(graphene.Scalar):
    """Positive Decimal scalar implementation.

    Unlike Saleor, a negative value is parsed rather than refused by the GraphQL layer,
    so that the mutation reports it in `errors` with the field and an INVALID code
    (our convention: expected input mistakes never become top-level errors).
    """

    @staticmethod
    def serialize(value: Any) -> Any:
        return float(value) if value is not None else None

    @staticmethod
    def parse_value(value: Any) -> decimal.Decimal:
        try:
            parsed = decimal.Decimal(str(value))
        except (decimal.InvalidOperation, ValueError):
            raise GraphQLError(f"PositiveDecimal cannot represent value: {value!r}") from None
        if not parsed.is_finite():
            raise GraphQLError(f"PositiveDecimal cannot represent value: {value!r}")
        return parsed

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> decimal.Decimal:
        if isinstance(node, ast.IntValueNode | ast.FloatValueNode | ast.StringValueNode):
            return cls.parse_value(node.value)
        raise GraphQLError("PositiveDecimal cannot represent a non-numeric value")


class WeightScalar(graphene.Scalar):
    """A weight: a number in the default unit (grams here) or {value, unit}."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        if isinstance(value, int | float | str | dict):
            return value
        raise GraphQLError(f"WeightScalar cannot represent value: {value!r}")

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        if isinstance(node, ast.IntValueNode | ast.FloatValueNode):
            return float(node.value)
        if isinstance(node, ast.ObjectValueNode):
            return {f.name.value: getattr(f.value, "value", None) for f in node.fields}
        raise GraphQLError("WeightScalar cannot represent this value")
