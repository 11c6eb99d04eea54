"""Celery tasks of the accounts domain."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from accounts import password_reset


@shared_task(
    name=password_reset.SEND_PASSWORD_RESET,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_password_reset(email: str, link: dict[str, Any]) -> bool:
    return password_reset.send_password_reset(email, link)
