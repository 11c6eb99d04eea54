"""Order e-mails sent by the real Celery worker process, after the order commits."""

from __future__ import annotations

import time
from email import policy
from email.parser import BytesParser
from pathlib import Path
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


def test_it_sends_the_seller_a_link_to_the_order_in_the_seller_centre(
    celery_worker: Any, worker_mail_dir: Path
) -> None:
    # given a ready checkout from two stalls
    checkout = two_seller_checkout()
    # when it is completed and the real worker sends the e-mails
    completion = complete_checkout(checkout.pk, None)
    order = next(
        o for o in completion.orders if o.seller.members.get().user.email == "a-owner@ocop.test"
    )
    subject = f"Đơn hàng mới #{order.number}"
    deadline = time.monotonic() + 30
    found: list[Any] = []
    while time.monotonic() < deadline and not found:
        found = [
            message
            for path in worker_mail_dir.glob("*.eml")
            if (message := BytesParser(policy=policy.default).parsebytes(path.read_bytes()))
            and message["To"] == "a-owner@ocop.test"
            and str(message["Subject"]).startswith(subject)
        ]
        time.sleep(0.2)
    # then the stall owner's e-mail links to that order in the seller centre
    assert len(found) == 1
    body = found[0].get_body(preferencelist=("plain",)).get_content()
    assert f"/kenh-nguoi-ban/don-hang/{order.pk}/\n" in body
    assert "Xác nhận đơn tại Kênh người bán" in body
