"""Shared builders for the web account, mailbox and livestream schedule tests."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.db.models import Model
from django.test import Client

from accounts import password_reset
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
