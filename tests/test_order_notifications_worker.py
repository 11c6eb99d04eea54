"""Order e-mails sent by the real Celery worker process, after the order commits."""

from __future__ import annotations

import time
from typing import Any

import pytest

from checkout.complete_checkout import complete_checkout
from orders.models import OrderNotification
from tests.helpers.orders import two_seller_checkout

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),
]


def test_it_sends_them_through_the_celery_worker_after_commit(celery_worker: Any) -> None:
    # given a ready checkout
    checkout = two_seller_checkout()
    # when it is completed (the transaction commits, the task goes to the real worker)
    completion = complete_checkout(checkout.pk, None)
    # then the worker process sends the three e-mails, once each
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if OrderNotification.objects.filter(sent_at__isnull=False).count() == 3:
            break
        time.sleep(0.2)
    sent = OrderNotification.objects.filter(
        group=completion.group
    ) | OrderNotification.objects.filter(order__group=completion.group)
    assert sorted(sent.values_list("recipient", flat=True)) == [
        "a-owner@ocop.test",
        "b-owner@ocop.test",
        "buyer@ocop.test",
    ]
    assert all(n.sent_at is not None for n in sent)
