"""A seller's answer to a livestream invitation: agree (its goods may then be offered in the
session) or decline.

Rules (FieldError field + code):
- only a member of the invited seller answers for it (PERMISSION_DENIED on `seller`);
- the seller must be invited (SELLER_NOT_INVITED);
- a session that ended or was cancelled can no longer be answered (INVALID_STATUS); a
  draft, scheduled or live one can, and an answer may be changed until then;
- declining clears the agreement, so no new offer can be made for the seller's goods
  (`livestream.offers` requires `agreed_at`); while the seller's goods are on offer in the
  session it cannot decline (SELLER_HAS_OFFERS: the host, or the seller, removes them first),
  the same rule as the host removing an invited seller (`scheduling._set_sellers`).

A declined invitation is kept, with who declined and when, rather than deleted: the host
sees the answer instead of a seller silently gone, the seller still sees the session (the
invitation is what makes a draft visible to it) and may change its mind, and the history of
who agreed or declined stays readable.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import is_authenticated, scope_of
from livestream import lock_objects
from livestream.errors import fail, permission_denied
from livestream.models import LiveOffer, Livestream, LivestreamSeller, LivestreamStatus

# Statuses in which an invitation can still be answered.
ANSWERABLE = (LivestreamStatus.DRAFT, LivestreamStatus.SCHEDULED, LivestreamStatus.LIVE)


def _locked_invitation(actor: User, pk: int, seller_id: int) -> tuple[Livestream, LivestreamSeller]:
    """The session and the seller's invitation, both locked FOR NO KEY UPDATE (session
    first: the domain's lock order), after the checks every answer shares."""
    if not is_authenticated(actor):
        permission_denied("seller")
    livestream = lock_objects.lock_livestream(pk)
    if livestream is None:
        fail("id", _("Livestream not found."), "NOT_FOUND")
    if not scope_of(actor).is_member(seller_id):
        permission_denied("seller")
    participant = lock_objects.lock_participant(livestream.pk, seller_id)
    if participant is None:
        fail("seller", _("The seller is not invited to this session."), "SELLER_NOT_INVITED")
    if livestream.status not in ANSWERABLE:
        fail(
            None,
            _("The session has ended or was cancelled; the invitation can no longer be answered."),
            "INVALID_STATUS",
        )
    return livestream, participant


def do_agree(
    actor: User, pk: int, seller_id: int, *, now: datetime.datetime | None = None
) -> LivestreamSeller:
    """A member of an invited seller agrees that its goods are sold in the session (also
    after declining); agreeing twice keeps the first agreement.

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`), then the invitation row,
    FOR NO KEY UPDATE (`lock_participant`). One transaction, the outermost."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        _, participant = _locked_invitation(actor, pk, seller_id)
        if participant.agreed_at is None:
            participant.agreed_at, participant.agreed_by = now, actor
            participant.declined_at, participant.declined_by = None, None
            participant.save(update_fields=["agreed_at", "agreed_by", "declined_at", "declined_by"])
    return participant


def do_decline(
    actor: User, pk: int, seller_id: int, *, now: datetime.datetime | None = None
) -> LivestreamSeller:
    """A member of an invited seller declines (also after agreeing, which withdraws the
    permission to offer its goods); declining twice keeps the first answer.

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`: offers are created under
    it, so none can appear between the check and the answer), then the invitation row, FOR
    NO KEY UPDATE (`lock_participant`). One transaction, the outermost."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        livestream, participant = _locked_invitation(actor, pk, seller_id)
        if participant.declined_at is not None:
            return participant
        if LiveOffer.objects.filter(livestream=livestream, seller_id=seller_id).exists():
            fail(
                "seller",
                _("Your products are on offer in this session; they must be removed first."),
                "SELLER_HAS_OFFERS",
            )
        participant.declined_at, participant.declined_by = now, actor
        participant.agreed_at, participant.agreed_by = None, None
        participant.save(update_fields=["agreed_at", "agreed_by", "declined_at", "declined_by"])
    return participant
