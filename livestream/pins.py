"""Pinning: the one offer a session shows on top of the stream, and the timeline of pins.

Each pin opens a `LiveOfferPin` row and closes the previous one in the same transaction as
the offers' `is_pinned` flags, so the replay's timeline ("jump to the moment this offer was
pinned") always agrees with what viewers saw. Viewers are told after commit.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from livestream import lock_objects
from livestream.errors import fail, permission_denied
from livestream.events import announce_state
from livestream.models import LiveOffer, LiveOfferPin, Livestream
from livestream.offers import NOT_CLOSED
from livestream.permissions import runs
from livestream.scheduling import check_status


def do_pin_offer(
    actor: User,
    livestream_id: int,
    offer_id: int | None,
    *,
    now: datetime.datetime | None = None,
) -> Livestream:
    """The host pins one offer (or none: unpins). An offer of another session, another
    host's included, is refused (OFFER_NOT_IN_LIVESTREAM). Pinning the pinned offer again
    changes nothing. One transaction, the outermost.

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`); the offers' pin flags
    and the pin rows change by plain UPDATEs and an INSERT under it. The partial unique
    indexes (one pinned offer, one open pin row per session) back the rule.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        livestream = lock_objects.lock_livestream(livestream_id)
        if livestream is None:
            fail("id", _("Livestream not found."), "NOT_FOUND")
        if not runs(actor, livestream):
            permission_denied()
        check_status(livestream, NOT_CLOSED)
        if (
            offer_id is not None
            and not LiveOffer.objects.filter(pk=offer_id, livestream=livestream).exists()
        ):
            fail("offer", _("The offer is not part of this session."), "OFFER_NOT_IN_LIVESTREAM")
        current = (
            LiveOffer.objects.filter(livestream=livestream, is_pinned=True)
            .values_list("pk", flat=True)
            .first()
        )
        if current == offer_id:
            return livestream
        LiveOffer.objects.filter(livestream=livestream, is_pinned=True).update(is_pinned=False)
        LiveOfferPin.objects.filter(livestream=livestream, unpinned_at__isnull=True).update(
            unpinned_at=now
        )
        if offer_id is None:
            announce_state(livestream.pk, "offer.unpinned")
            return livestream
        LiveOffer.objects.filter(pk=offer_id).update(is_pinned=True)
        LiveOfferPin.objects.create(
            livestream=livestream, offer_id=offer_id, pinned_at=now, pinned_by=actor
        )
        announce_state(livestream.pk, "offer.pinned")
    return livestream
