"""Celery tasks of the orders domain."""

from __future__ import annotations

from celery import shared_task

from orders import notifications


@shared_task(
    name=notifications.SEND_ORDER_NOTIFICATIONS,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_order_notifications(group_id: str) -> int:
    return notifications.send_order_notifications(group_id)
