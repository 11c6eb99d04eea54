"""Ending a voucher while a buyer completes an order with it, in two connections: the row
lock orders them, so either the order got in first (its discount stands, then the voucher
ends) or the end did (the order is refused), never an order on an ended voucher."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection

from checkout.complete_checkout import complete_checkout
from checkout.promo_codes import add_promo_code
from core.errors import ValidationErrors
from orders.models import Order
from promotions import redeem, voucher_changes
from promotions.models import OrderDiscount, Voucher
from promotions.voucher_changes import do_end_voucher
from tests import factories
from tests.helpers.promotions import voucher

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),
]


def _someone_waits_for_a_lock() -> None:
    """Until another connection waits on a row lock (5 s at most)."""
    with connection.cursor() as cursor:
        for _ in range(500):
            cursor.execute(
                "select count(*) from pg_stat_activity"
                " where wait_event_type = 'Lock' and datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
    raise AssertionError("nobody waited for the lock")


def _in_thread(work: Any) -> tuple[threading.Thread, dict[str, Any]]:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = work()
        except ValidationErrors as refused:
            result["refused"] = [(e.field, e.code) for e in refused.errors]
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def _cart_with(code: str) -> Any:
    seller = factories.seller(province_code="11")
    variant = factories.product(owner=seller, stock=5, price=100_000).variants.get()
    buyer = factories.user()
    checkout = factories.checkout([(variant, 1)], buyer=buyer, email=buyer.email)
    add_promo_code(checkout, code)
    return checkout, buyer


def _hold(monkeypatch: Any, module: Any, name: str) -> tuple[threading.Event, threading.Event]:
    """Make `module.name` (called with the voucher's row lock held) say so and wait."""
    holding, release = threading.Event(), threading.Event()
    original = getattr(module, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        holding.set()
        assert release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return holding, release


def test_an_order_that_took_the_voucher_first_keeps_its_discount_then_it_ends(
    monkeypatch: Any,
) -> None:
    # given Điện Biên's 10 % voucher in a buyer's cart, and its officer
    made = voucher("DB-10")
    checkout, buyer = _cart_with("DB-10")
    officer = factories.officer("11")
    # when the order has counted its use (the row is locked) and the officer ends it
    holding, release = _hold(monkeypatch, redeem, "check_customer_limit")
    order_thread, placed = _in_thread(lambda: complete_checkout(checkout.pk, buyer))
    assert holding.wait(10)
    end_thread, ended = _in_thread(lambda: do_end_voucher(officer, made.pk))
    _someone_waits_for_a_lock()  # the end waits for the order's transaction
    release.set()
    order_thread.join(20)
    end_thread.join(20)
    # then the order has its 10.000 ₫ off, and the voucher ended after it, used once
    assert "refused" not in placed and "refused" not in ended
    order = Order.objects.get()
    assert list(OrderDiscount.objects.filter(order=order).values_list("amount", flat=True)) == [
        10_000
    ]
    fresh = Voucher.objects.get(pk=made.pk)
    assert (fresh.is_active, fresh.used) == (False, 1)


def test_an_order_behind_the_end_is_refused(monkeypatch: Any) -> None:
    # given Điện Biên's voucher in a buyer's cart, and its officer
    made = voucher("DB-10")
    checkout, buyer = _cart_with("DB-10")
    officer = factories.officer("11")
    # when the officer's end holds the row and the buyer completes meanwhile
    holding, release = _hold(monkeypatch, voucher_changes, "is_ended")
    end_thread, ended = _in_thread(lambda: do_end_voucher(officer, made.pk))
    assert holding.wait(10)
    order_thread, placed = _in_thread(lambda: complete_checkout(checkout.pk, buyer))
    _someone_waits_for_a_lock()  # the order's use of the voucher waits for the end
    release.set()
    end_thread.join(20)
    order_thread.join(20)
    # then the voucher has ended unused, and the order was refused with nothing written
    assert "refused" not in ended
    assert placed.get("refused") == [("promo_code", "VOUCHER_NOT_APPLICABLE")]
    fresh = Voucher.objects.get(pk=made.pk)
    assert (fresh.is_active, fresh.used) == (False, 0)
    assert Order.objects.count() == 0
