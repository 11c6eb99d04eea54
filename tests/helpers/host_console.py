"""A live session ready for the host console's tests: its host, an agreed Điện Biên stall
(and its owner), two offers at 99.000 ₫ / 89.000 ₫ on products with plenty of stock."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from livestream.models import FlashDeal, LiveOffer, LiveOfferPin, Livestream
from tests import factories


@dataclass
class LiveSession:
    session: Livestream
    host: Any
    owner: Any
    offers: list[LiveOffer]


def live_session(*, status: str = "live", stock: int = 50, offers: int = 2) -> LiveSession:
    owner = factories.user()
    seller = factories.seller(owner=owner, province_code="11")
    host = factories.host()
    session = factories.livestream(
        host_user=host,
        sellers=(seller,),
        status=status,
        starts_in=-datetime.timedelta(minutes=5)
        if status == "live"
        else datetime.timedelta(hours=2),
        duration=datetime.timedelta(hours=1),
        title="Chợ phiên mật ong",
    )
    made = [
        factories.live_offer(
            session,
            factories.product(owner=seller, price=120_000, stock=stock, name=f"Mật ong {n}"),
            live_price=99_000 - n * 10_000,
            cap=10,
            per_buyer=2,
        )
        for n in range(offers)
    ]
    return LiveSession(session, host, owner, made)


def host_state() -> dict[str, Any]:
    """What a host action may change, to prove a refused one changed nothing."""
    return {
        "sessions": list(Livestream.objects.order_by("pk").values()),
        "offers": list(LiveOffer.objects.order_by("pk").values()),
        "pins": list(LiveOfferPin.objects.order_by("pk").values()),
        "flash": list(FlashDeal.objects.order_by("pk").values()),
        "participants": list(
            Livestream.objects.order_by("pk").values_list("participants__seller_id", flat=True)
        ),
    }
