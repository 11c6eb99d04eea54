"""Order e-mails: the buyer's confirmation and each seller's notice, once each."""

from __future__ import annotations

from typing import Any

from django.core import mail

from checkout.complete_checkout import complete_checkout
from orders.models import OrderNotification
from orders.notifications import send_order_notifications
from tests.helpers.orders import two_seller_checkout


def test_it_queues_the_notifications_only_when_the_order_commits(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given a ready checkout
    checkout = two_seller_checkout()
    # when it is completed
    with django_capture_on_commit_callbacks() as callbacks:
        complete_checkout(checkout.pk, None)
    # then sending the e-mails waits for the commit (nothing was sent inline)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_it_sends_the_buyer_and_each_seller_one_email_however_often_triggered(db: Any) -> None:
    # given a completed two-seller order group
    completion = complete_checkout(two_seller_checkout().pk, None)
    # when the notification task runs three times (retries, duplicate triggers)
    sent = [send_order_notifications(completion.group.pk) for _ in range(3)]
    # then three e-mails went out, once each
    assert sent == [3, 0, 0]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a-owner@ocop.test",
        "b-owner@ocop.test",
        "buyer@ocop.test",
    ]
    confirmation = next(m for m in mail.outbox if m.to == ["buyer@ocop.test"])
    assert confirmation.subject == (
        f"Xác nhận đơn hàng #{completion.group.number} / "
        f"Order confirmation #{completion.group.number}"
    )
    assert "Tổng cộng / Total: 420.000 ₫" in confirmation.body
    assert OrderNotification.objects.filter(sent_at__isnull=False).count() == 3


def test_it_links_each_seller_to_the_order_in_the_seller_centre(db: Any, settings: Any) -> None:
    # given the shop's public address and a completed two-seller order group
    settings.OCOP_PUBLIC_URL = "https://cho-ocop.example"
    completion = complete_checkout(two_seller_checkout().pk, None)
    # when the notifications are sent
    send_order_notifications(completion.group.pk)
    # then each seller's e-mail links to its own order in the seller centre
    for order in completion.orders:
        owner = order.seller.members.get().user.email
        message = next(m for m in mail.outbox if m.to == [owner])
        assert (
            "Xác nhận đơn tại Kênh người bán: / Confirm it in your seller centre:\n"
            f"https://cho-ocop.example/kenh-nguoi-ban/don-hang/{order.pk}/\n"
        ) in message.body
