"""Live sessions and their events over the real Redis (issue 13): a live offer to sell, a
listener on a session's channel, and an isolated key prefix per test."""

from __future__ import annotations

import datetime
import json
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import redis
from django.conf import settings

from livestream.events import client, key
from livestream.models import LiveOffer
from tests import factories


def isolate_prefix(settings_fixture: Any) -> str:
    """A fresh key/channel prefix: no test sees another's ids, logs or viewers."""
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    settings_fixture.LIVE_EVENTS_PREFIX = prefix
    return prefix


def live_offer(cap: int = 20, per_buyer: int = 2) -> LiveOffer:
    """A live session with one offer at 99.000 ₫ (regular 120.000 ₫)."""
    seller = factories.seller()
    product = factories.product(owner=seller, price=120_000, stock=500)
    session = factories.livestream(
        sellers=(seller,),
        status="live",
        starts_in=-datetime.timedelta(minutes=10),
        duration=datetime.timedelta(hours=1),
    )
    return factories.live_offer(session, product, live_price=99_000, cap=cap, per_buyer=per_buyer)


@contextmanager
def listening(livestream_id: int) -> Iterator[redis.client.PubSub]:
    pubsub = client().pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(key(livestream_id, "channel"))
    pubsub.get_message(timeout=1)  # the subscribe confirmation
    try:
        yield pubsub
    finally:
        pubsub.close()


def received(pubsub: redis.client.PubSub, wait: float = 0.5) -> list[dict[str, Any]]:
    """Every event published on the channel within `wait` seconds of quiet."""
    events = []
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        message = pubsub.get_message(timeout=0.1)
        if message and message["type"] == "message":
            events.append(json.loads(message["data"]))
            deadline = time.monotonic() + wait
    return events


def logged(livestream_id: int) -> list[dict[str, Any]]:
    return [json.loads(item) for item in client().lrange(key(livestream_id, "log"), 0, -1)]


def redis_url() -> str:
    return str(settings.LIVE_EVENTS_REDIS_URL)
