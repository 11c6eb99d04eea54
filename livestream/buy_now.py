"""The watch page's "Mua ngay": may this buyer take one more unit of this offer at its live
price, now? Read only: the cart change itself is checkout's (`checkout.lines.do_add_lines`),
and the units are claimed for good only at checkout completion (`livestream.claims`), which
re-checks all of this under its locks. This check exists so a tap that cannot get the live
price says why and adds nothing, instead of quietly adding a unit at the regular price.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import fail
from livestream.models import LiveOffer, Livestream, LivestreamStatus
from livestream.pricing import live_offer_for, live_units_allowed


def check_buy_now(
    session: Livestream,
    offer_id: int,
    buyer_key: str | None,
    in_cart: int,
    *,
    channel_id: int | None = None,
    at: datetime.datetime | None = None,
) -> LiveOffer:
    """The offer of `session` whose variant one more unit may be added to the cart for, at
    the live price. `buyer_key` (`claims.buyer_key_for`; None for a guest not known yet)
    finds what the buyer already bought; `in_cart` is the units of the offer's variant
    already in their cart; `channel_id` the cart's channel, whose prices the offer must be in.
    Raises ValidationErrors (field "offer") otherwise."""
    moment = at or timezone.now()
    offer = LiveOffer.objects.filter(pk=offer_id, livestream=session).first()
    if offer is None or (channel_id is not None and offer.channel_id != channel_id):
        fail("offer", _("This offer is not part of this livestream."), "NOT_FOUND")
    if session.status != LivestreamStatus.LIVE or not (
        session.starts_at <= moment < session.ends_at
    ):
        fail("offer", _("The session is not live: the live price no longer applies."), "NOT_LIVE")
    if offer.remaining_quantity <= 0:
        fail("offer", _("This live offer is sold out."), "SOLD_OUT")
    applicable = live_offer_for(
        offer.variant_id, offer.channel_id, moment, livestream_id=session.pk
    )
    if applicable is None or applicable.pk != offer.pk:
        fail("offer", _("The live price does not apply to this offer now."), "NOT_APPLICABLE")
    allowed = live_units_allowed([offer], buyer_key)[offer.pk] - max(in_cart, 0)
    if allowed <= 0:
        fail(
            "offer",
            _("You can buy at most %(limit)s of this offer at the live price."),
            "BUYER_LIMIT",
            limit=offer.per_buyer_limit,
        )
    return offer
