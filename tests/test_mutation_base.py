"""Every mutation derives from one base (issue 10): it declares its inputs, makes one domain
call in `perform_mutation` and returns its payload; the base maps domain errors to the
payload's `errors` and to the deprecated `<x>Errors` duplicate when the payload has one.

A schema walk, no database.
"""

from __future__ import annotations

from typing import Any

import graphene
import pytest

from core.errors import FieldError, ValidationErrors
from storefront_api.core.mutation import BaseMutation
from storefront_api.schema import schema


def mutation_classes() -> dict[str, Any]:
    """Each root mutation field's resolver class (graphene keeps it on the payload type)."""
    mutation_type = schema.graphql_schema.mutation_type
    assert mutation_type is not None
    return {
        name: getattr(field.type, "graphene_type", None)
        for name, field in mutation_type.fields.items()
    }


def test_it_derives_every_mutation_from_the_one_base() -> None:
    # given every field of the schema's Mutation type
    classes = mutation_classes()
    # when looking at the class that resolves it
    outside = sorted(
        name
        for name, cls in classes.items()
        if not (isinstance(cls, type) and issubclass(cls, BaseMutation))
    )
    # then each one is a BaseMutation, and there are all of them
    assert outside == []
    assert len(classes) == 89


def test_it_declares_an_error_type_for_every_error_list() -> None:
    # given every mutation and the payload fields the base fills on a failure
    for name, cls in mutation_classes().items():
        fields = cls._meta.fields
        # then each named error list exists on the payload and the error type is declared
        assert set(cls.error_fields) <= set(fields), name
        assert "errors" in cls.error_fields, name
        assert issubclass(cls.error_type, graphene.ObjectType), name


@pytest.mark.parametrize(
    ("mutation", "lists"),
    [
        ("checkoutLinesAdd", {"errors", "checkout_errors"}),
        ("checkoutDeliveryMethodUpdate", {"errors"}),
        ("tokenCreate", {"errors", "account_errors"}),
        ("tokenVerify", {"errors"}),
        ("orderCancel", {"errors", "order_errors"}),
        ("orderMarkDelivered", {"errors"}),
        ("productCreate", {"errors", "product_errors"}),
        ("sellerPayoutCreate", {"errors"}),
    ],
)
def test_it_fills_errors_and_the_legacy_list_from_domain_errors(
    mutation: str, lists: set[str]
) -> None:
    # given a mutation class
    cls = mutation_classes()[mutation]
    # when the base answers a domain failure of two field errors
    payload = cls.failure(
        ValidationErrors(
            [FieldError("email", "bad", "INVALID"), FieldError(None, "no", "NOT_FOUND")]
        ).errors
    )
    # then every error list of the payload carries both, in order, as the mutation's type
    for name in lists:
        items = getattr(payload, name)
        assert [(e.message, e.code) for e in items] == [("bad", "INVALID"), ("no", "NOT_FOUND")]
        assert all(isinstance(e, cls.error_type) for e in items)
    assert set(cls.error_fields) == lists
