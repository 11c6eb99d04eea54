"""No oversell under concurrency: many buyers, separate connections, few units.

Each buyer is a thread with its own database connection, completing its own checkout
through GraphQL at the same instant (a barrier releases them together).
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Sum

from catalog.models import Stock
from orders.models import Allocation, Order, OrderGroup, OrderLine
from tests import factories
from tests.helpers.checkout import checkout_id
from tests.helpers.concurrency import complete_at_once, outcome_codes

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),
]


def test_it_sells_exactly_ten_units_to_sixty_concurrent_buyers() -> None:
    # given 10 units and 60 buyers, each with a ready checkout for one unit
    product = factories.product(stock=10, price=100_000)
    variant = product.variants.get()
    ids = [
        checkout_id(factories.checkout([(variant, 1)], email=f"b{i}@ocop.test")) for i in range(60)
    ]
    samples: list[tuple[int, int]] = []

    def watch() -> None:
        stock = Stock.objects.get(variant=variant)
        samples.append((stock.quantity, stock.quantity_allocated))

    # when they all complete at the same instant
    results = complete_at_once(ids, watch)
    # then exactly ten orders were placed and fifty were refused for stock
    assert outcome_codes(results) == Counter({"ORDER": 10, "INSUFFICIENT_STOCK": 50})
    assert Order.objects.count() == 10
    assert OrderGroup.objects.count() == 10
    # and exactly ten units are allocated, never more than the shelf holds
    stock = Stock.objects.get(variant=variant)
    assert (stock.quantity, stock.quantity_allocated) == (10, 10)
    assert samples  # the watcher saw the race
    assert all(0 <= allocated <= quantity for quantity, allocated in samples)
    # and every order line is backed by allocated stock, one unit each
    assert OrderLine.objects.aggregate(s=Sum("quantity"))["s"] == 10
    backed = Allocation.objects.aggregate(s=Sum("quantity_allocated"))["s"]
    assert backed == 10
    assert all(
        sum(a.quantity_allocated for a in line.allocations.all()) == line.quantity
        for line in OrderLine.objects.prefetch_related("allocations")
    )


def test_it_never_deadlocks_when_carts_hold_two_hot_products_in_either_order() -> None:
    # given two sellers' products with 10 units each, and 50 buyers wanting one of each,
    # half of them having added the products in the opposite order
    first = factories.product(stock=10).variants.get()
    second = factories.product(stock=10).variants.get()
    ids = []
    for i in range(50):
        lines = [(first, 1), (second, 1)] if i % 2 else [(second, 1), (first, 1)]
        ids.append(checkout_id(factories.checkout(lines, email=f"d{i}@ocop.test")))
    # when they all complete at once
    results = complete_at_once(ids)
    # then ten purchases went through whole, the rest were refused, none deadlocked
    assert outcome_codes(results) == Counter({"ORDER": 10, "INSUFFICIENT_STOCK": 40})
    assert OrderGroup.objects.count() == 10
    assert Order.objects.count() == 20  # one order per seller per purchase
    for variant in (first, second):
        stock = Stock.objects.get(variant=variant)
        assert (stock.quantity, stock.quantity_allocated) == (10, 10)
