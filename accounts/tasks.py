"""Celery tasks of the accounts domain: the account e-mails, each queued through the outbox
by the request that asks for it."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from accounts import confirmation, deletion_request, password_reset, registration
from outbox.retry import RETRY_ON_MAIL_ERRORS


@shared_task(name=password_reset.SEND_PASSWORD_RESET, **RETRY_ON_MAIL_ERRORS)
def send_password_reset(email: str, link: dict[str, Any]) -> bool:
    return password_reset.send_password_reset(email, link)


@shared_task(name=registration.SEND_CONFIRMATION, **RETRY_ON_MAIL_ERRORS)
def send_confirmation(user_id: int, redirect_url: str) -> bool:
    return confirmation.send_confirmation(user_id, redirect_url)


@shared_task(name=deletion_request.SEND_DELETION_LINK, **RETRY_ON_MAIL_ERRORS)
def send_deletion_link(user_id: int, redirect_url: str) -> bool:
    return deletion_request.send_deletion_link(user_id, redirect_url)
