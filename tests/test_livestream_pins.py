"""Pinning keeps its timeline: each pin opens a row and closes the previous one, in the
same transaction as the pinned flag; viewers are told only after commit."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from core.errors import ValidationErrors
from livestream import pins
from livestream.models import LiveOffer, LiveOfferPin
from livestream.pins import do_pin_offer
from tests import factories


def session_with_offers(count: int = 2) -> tuple[Any, list[LiveOffer]]:
    seller = factories.seller(owner=factories.user())
    session = factories.livestream(
        sellers=(seller,), status="live", starts_in=-datetime.timedelta(minutes=5)
    )
    offers = [
        factories.live_offer(session, factories.product(owner=seller, price=120_000))
        for _ in range(count)
    ]
    return session, offers


def test_it_writes_the_pin_timeline(db: Any) -> None:
    # given a live session with two offers
    session, (first, second) = session_with_offers()
    t0 = timezone.now()
    # when the host pins the first, then the second, then unpins
    do_pin_offer(session.host, session.pk, first.pk, now=t0)
    do_pin_offer(session.host, session.pk, second.pk, now=t0 + datetime.timedelta(minutes=3))
    do_pin_offer(session.host, session.pk, None, now=t0 + datetime.timedelta(minutes=7))
    # then the timeline has both pins, each closed when the next began
    rows = list(
        LiveOfferPin.objects.filter(livestream=session).values_list(
            "offer_id", "pinned_at", "unpinned_at", "pinned_by_id"
        )
    )
    assert rows == [
        (first.pk, t0, t0 + datetime.timedelta(minutes=3), session.host.pk),
        (
            second.pk,
            t0 + datetime.timedelta(minutes=3),
            t0 + datetime.timedelta(minutes=7),
            session.host.pk,
        ),
    ]
    assert LiveOffer.objects.filter(is_pinned=True).count() == 0


def test_it_announces_pins_after_commit_and_ignores_a_repeat(
    db: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given the announcements recorded when they are sent (after commit)
    told: list[tuple[int, str]] = []

    def announce_state(pk: int, kind: str) -> None:
        from django.db import transaction

        transaction.on_commit(lambda: told.append((pk, kind)))

    monkeypatch.setattr(pins, "announce_state", announce_state)
    session, (first, _) = session_with_offers()
    # when the host pins an offer twice, then unpins
    with django_capture_on_commit_callbacks(execute=True):
        do_pin_offer(session.host, session.pk, first.pk)
        do_pin_offer(session.host, session.pk, first.pk)
        do_pin_offer(session.host, session.pk, None)
    # then one pin and one unpin were announced, and one timeline row written
    assert told == [(session.pk, "offer.pinned"), (session.pk, "offer.unpinned")]
    assert LiveOfferPin.objects.count() == 1


def test_it_refuses_to_pin_another_hosts_offer(db: Any) -> None:
    # given two hosts' live sessions, and the first one's offer pinned
    session, (mine, _) = session_with_offers()
    other, (theirs, _) = session_with_offers()
    do_pin_offer(session.host, session.pk, mine.pk)
    # when the first host pins the other host's offer in their own session
    with pytest.raises(ValidationErrors) as caught:
        do_pin_offer(session.host, session.pk, theirs.pk)
    # then it is refused clearly, and nothing changed
    error = caught.value.errors[0]
    assert (error.field, error.code) == ("offer", "OFFER_NOT_IN_LIVESTREAM")
    assert list(LiveOffer.objects.filter(is_pinned=True)) == [mine]
    assert list(LiveOfferPin.objects.values_list("offer_id", flat=True)) == [mine.pk]
    # and pinning in the other host's session is not theirs to do
    with pytest.raises(ValidationErrors) as denied:
        do_pin_offer(session.host, other.pk, theirs.pk)
    assert denied.value.errors[0].code == "PERMISSION_DENIED"
    assert LiveOffer.objects.get(pk=theirs.pk).is_pinned is False
