"""A live session selling two products, for the watch page's and "Mua ngay"'s tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from catalog.models import Product
from checkout.models import CheckoutLine
from livestream.models import LiveOffer
from tests import factories

REGULAR, LIVE = 200_000, 150_000
YOUTUBE = "https://www.youtube.com/watch?v=OCOPlive2026"
HOUR = datetime.timedelta(hours=1)


@dataclass
class LiveSale:
    session: Any
    pinned: LiveOffer
    other: LiveOffer
    products: tuple[Product, Product]
    owner: Any  # the stall's member

    @property
    def page(self) -> str:
        return f"/live/{self.session.slug}/"

    def buy_url(self, offer: LiveOffer) -> str:
        return f"/live/{self.session.slug}/mua-ngay/{offer.pk}/"


def live_sale(
    *,
    status: str = "live",
    stream_url: str = YOUTUBE,
    per_buyer: int = 2,
    cap: int = 20,
    starts_in: datetime.timedelta = -HOUR / 2,
    **extra: Any,
) -> LiveSale:
    """Two offers at 150.000 ₫ (regular 200.000 ₫), the first pinned; the stall has a
    30.000 ₫ default delivery, so its goods can be checked out."""
    owner = factories.user()
    stall = factories.seller(owner=owner)
    factories.shipping_method(stall)
    first = factories.product(owner=stall, price=REGULAR, stock=100, name="Mật ong hoa ban")
    second = factories.product(owner=stall, price=REGULAR, stock=100, name="Gạo Séng Cù")
    session = factories.livestream(
        sellers=(stall,),
        status=status,
        starts_in=starts_in,
        duration=2 * HOUR,
        stream_url=stream_url,
        title="Chợ phiên Điện Biên",
        **extra,
    )
    pinned = factories.live_offer(session, first, live_price=LIVE, cap=cap, per_buyer=per_buyer)
    LiveOffer.objects.filter(pk=pinned.pk).update(is_pinned=True)
    pinned.refresh_from_db()
    other = factories.live_offer(session, second, live_price=LIVE, cap=cap, per_buyer=per_buyer)
    return LiveSale(session, pinned, other, (first, second), owner)


def cart_lines() -> list[tuple[int, int]]:
    """(variant id, quantity) of every cart line in the database."""
    return list(CheckoutLine.objects.order_by("pk").values_list("variant_id", "quantity"))
