"""Celery tasks of the orders domain."""

from __future__ import annotations

from celery import shared_task

from orders import notifications
from outbox.retry import RETRY_ON_MAIL_ERRORS


@shared_task(name=notifications.SEND_ORDER_NOTIFICATIONS, **RETRY_ON_MAIL_ERRORS)
def send_order_notifications(group_id: str) -> int:
    return notifications.send_order_notifications(group_id)
