"""Shared builders for the web account, mailbox and livestream schedule tests."""

from __future__ import annotations

import re
import socket
import uuid
from typing import Any

from django.db.models import Model
from django.test import Client

from accounts import confirmation, deletion_request, password_reset, registration
from orders.models import Order, OrderGroup
from tests import factories
from tests.helpers.outbox import run_queued

PASSWORD = "pass-1234-x"  # factories.user's password
NEW_PASSWORD = "mat-khau-moi-2468"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def order_group(user: Any, *, sellers: int = 2) -> OrderGroup:
    """A placed purchase of `user`: one order per seller (rows written directly)."""
    channel = factories.channel()
    group = OrderGroup.objects.create(
        checkout_token=uuid.uuid4(), user=user, user_email=user.email, channel=channel
    )
    for _ in range(sellers):
        Order.objects.create(
            group=group,
            seller=factories.seller(),
            user=user,
            user_email=user.email,
            channel=channel,
            status="unfulfilled",
        )
    return group


def rows(model: type[Model]) -> list[dict[str, Any]]:
    return list(model._default_manager.order_by("pk").values())


LINK = re.compile(r"https?://\S+/dat-lai-mat-khau/[^/\s]+/[^/\s]+/")


def reset_link(body: str) -> str:
    found = LINK.search(body)
    assert found, body
    return found.group(0)


def send_queued_resets() -> int:
    """What the outbox relay and the Celery worker do once a reset request commits: run the
    reset e-mail tasks it queued (a test's transaction never commits); how many ran."""
    return run_queued(password_reset.SEND_PASSWORD_RESET, password_reset.send_password_reset)


def send_queued_account_emails() -> int:
    """The same for every account e-mail: reset, sign-up confirmation, deletion link."""
    return (
        send_queued_resets()
        + run_queued(registration.SEND_CONFIRMATION, confirmation.send_confirmation)
        + run_queued(deletion_request.SEND_DELETION_LINK, deletion_request.send_deletion_link)
    )


def refusing_mail_server(settings: Any) -> None:
    """Send e-mail by SMTP to a local port nothing listens on (bound, then released): every
    send raises ConnectionRefusedError, an OSError, as a mail server that is down does."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
