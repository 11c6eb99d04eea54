"""Our Saleor-shaped operations (tests/saleor_ops/) validate against our schema: what a
Saleor storefront's code generation checks before it builds."""

from __future__ import annotations

import pytest

from tests.helpers import saleor_ops


@pytest.mark.parametrize("area", saleor_ops.areas())
def test_it_validates_every_operation_of_the_area(area: str) -> None:
    # given the area's operations and fragments
    assert saleor_ops.definitions(area)
    # when they are validated against our schema
    messages = [e.message for e in saleor_ops.errors(area)]
    # then there is no error
    assert messages == []
