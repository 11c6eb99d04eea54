"""Demo livestreams, placed relative to the moment the demo loads (call after the catalog):

- one live now (started 20 minutes ago, 2 hours long) by host@ocop.test, with offers from
  seller1's and seller2's stalls, one of them pinned, and a few units already sold;
- one upcoming (tomorrow 20:00, Vietnam time), with buyer@ocop.test signed up for a reminder;
- one ended (two days ago, 20:00–21:30) with sales, so its report has numbers.

Idempotent like the rest of the demo: sessions are matched on (host, title), offers on
(session, variant, channel); sales are added only to sessions that have none.
`demo.loader.load_demo` calls `load_demo_livestreams(progress)` at its end.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from catalog.listing import listable_products
from catalog.models import Channel, ProductVariant
from demo import content
from livestream.models import (
    ClaimStatus,
    LiveOffer,
    LiveOfferBuyer,
    LiveOfferClaim,
    Livestream,
    LivestreamReminder,
    LivestreamSeller,
    LivestreamStatus,
    LivestreamTransition,
)
from livestream.price_history import lowest_recent_price
from livestream.slugs import new_slug
from livestream.streams import detect_stream
from sellers.models import Seller

Progress = Callable[[str], None]
HOST_LOGIN = "host@ocop.test"
BUYER_LOGIN = "buyer@ocop.test"


# The sessions' texts and times are data (demo/data/livestreams.toml).
LIVE = content.livestream_by_key("live")
UPCOMING = content.livestream_by_key("upcoming")
ENDED = content.livestream_by_key("ended")


def _windows(now: datetime.datetime) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    here = timezone.localtime(now).replace(second=0, microsecond=0)
    return {spec.key: spec.window(here) for spec in (LIVE, UPCOMING, ENDED)}


def _seller_of(login: str) -> Seller:
    seller = Seller.objects.filter(members__user__email=login).order_by("pk").first()
    if seller is None:
        raise ValueError(f"the demo catalog has no stall for {login}: load it first")
    return seller


def _variants(seller: Seller, channel: Channel, count: int) -> list[ProductVariant]:
    products = listable_products(channel).filter(seller=seller).order_by("slug")
    variants = []
    for product in products:
        variant = product.variants.order_by("sort_order", "pk").first()
        if variant is not None and variant.channel_listings.filter(channel=channel).exists():
            variants.append(variant)
        if len(variants) == count:
            break
    return variants


def _live_price(variant: ProductVariant, channel: Channel, now: datetime.datetime) -> int:
    """15% under the 30-day low, rounded down to the thousand đồng (the live-price rule)."""
    low = lowest_recent_price(variant.pk, channel.pk, now)
    assert low is not None
    return max(((low * 85 // 100) // 1000) * 1000, 1000)


def _session(
    spec: content.DemoLivestream,
    host: User,
    window: tuple[datetime.datetime, datetime.datetime],
    sellers: list[tuple[Seller, User]],
    now: datetime.datetime,
) -> Livestream:
    platform, url = detect_stream(spec.stream_url)
    starts_at, ends_at = window
    values = {
        "description": spec.description,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "stream_url": url,
        "platform": platform,
        "status": spec.status,
        "started_at": starts_at if spec.status != LivestreamStatus.SCHEDULED else None,
        "ended_at": ends_at if spec.status == LivestreamStatus.ENDED else None,
        "canceled_at": None,
    }
    # create_defaults replaces defaults on creation (it does not add to them).
    session, _ = Livestream.objects.update_or_create(
        host=host,
        title=spec.title,
        defaults=values,
        create_defaults={**values, "slug": new_slug(spec.title)},
    )
    for seller, member in sellers:
        LivestreamSeller.objects.update_or_create(
            livestream=session,
            seller=seller,
            defaults={
                "invited_by": host,
                "invited_at": starts_at - datetime.timedelta(days=3),
                "agreed_at": starts_at - datetime.timedelta(days=2),
                "agreed_by": member,
            },
        )
    if not session.transitions.exists():
        steps = [
            (
                LivestreamStatus.DRAFT,
                LivestreamStatus.SCHEDULED,
                starts_at - datetime.timedelta(days=2),
            )
        ]
        if spec.status != LivestreamStatus.SCHEDULED:
            steps.append((LivestreamStatus.SCHEDULED, LivestreamStatus.LIVE, starts_at))
        if spec.status == LivestreamStatus.ENDED:
            steps.append((LivestreamStatus.LIVE, LivestreamStatus.ENDED, ends_at))
        LivestreamTransition.objects.bulk_create(
            LivestreamTransition(livestream=session, from_status=a, to_status=b, created_at=t)
            for a, b, t in steps
        )
    return session


def _offers(
    session: Livestream,
    spec: content.DemoLivestream,
    sellers: list[tuple[Seller, User]],
    channel: Channel,
    now: datetime.datetime,
) -> list[LiveOffer]:
    offers = []
    position = 0
    for seller, member in sellers:
        for variant in _variants(seller, channel, spec.offers_per_seller):
            position += 1
            offer, _ = LiveOffer.objects.update_or_create(
                livestream=session,
                variant=variant,
                channel=channel,
                defaults={
                    "seller": seller,
                    "live_price": _live_price(variant, channel, now),
                    "quantity_cap": 30,
                    "per_buyer_limit": 3,
                    "sort_order": position,
                    "created_by": member,
                },
            )
            offers.append(offer)
    return offers


def _sales(offers: list[LiveOffer], buyers: list[User], at: datetime.datetime) -> None:
    """Confirmed claims (as checkout would leave them) with matching counters."""
    if LiveOfferClaim.objects.filter(offer__in=offers).exists():
        return
    for index, offer in enumerate(offers):
        for number, buyer in enumerate(buyers[: 1 + index % len(buyers)]):
            quantity = 1 + (index + number) % 2
            key = f"user:{buyer.pk}"
            LiveOfferClaim.objects.create(
                offer=offer,
                buyer_key=key,
                quantity=quantity,
                unit_price=offer.live_price,
                status=ClaimStatus.CONFIRMED,
                order_id=f"demo-{offer.livestream_id}-{buyer.pk}",
                order_line_id=f"demo-{offer.pk}-{buyer.pk}",
                created_at=at,
                confirmed_at=at,
            )
            counter, _ = LiveOfferBuyer.objects.get_or_create(offer=offer, buyer_key=key)
            LiveOfferBuyer.objects.filter(pk=counter.pk).update(units=F("units") + quantity)
            LiveOffer.objects.filter(pk=offer.pk).update(
                units_claimed=F("units_claimed") + quantity
            )


def load_demo_livestreams(
    progress: Progress = print, *, now: datetime.datetime | None = None
) -> None:
    """The three demo sessions (see the module docstring). Needs the demo catalog."""
    now = now or timezone.now()
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    host = User.objects.get(email=HOST_LOGIN)
    buyer = User.objects.get(email=BUYER_LOGIN)
    logins = (content.SELLER1_LOGIN, content.SELLER2_LOGIN)
    sellers = [(_seller_of(login), User.objects.get(email=login)) for login in logins]
    windows = _windows(now)
    specs = (ENDED, LIVE, UPCOMING)
    with transaction.atomic():
        # Reloading moves every demo session: park them first (canceled sessions are out of
        # the host's no-overlap constraint) so no intermediate state collides.
        Livestream.objects.filter(host=host, title__in=[s.title for s in specs]).update(
            status=LivestreamStatus.CANCELED
        )
        sessions = {}
        for spec in specs:
            chosen = sellers if spec is not UPCOMING else sellers[:1]
            session = _session(spec, host, windows[spec.key], chosen, now)
            offers = _offers(session, spec, chosen, channel, now)
            sessions[spec.key] = (session, offers)
        live, live_offers = sessions["live"]
        LiveOffer.objects.filter(livestream=live).update(is_pinned=False)
        if live_offers:
            LiveOffer.objects.filter(pk=live_offers[0].pk).update(is_pinned=True)
        shoppers = [buyer, *User.objects.filter(email__in=logins)]
        _sales(live_offers, [buyer], now - datetime.timedelta(minutes=5))
        ended, ended_offers = sessions["ended"]
        _sales(ended_offers, shoppers, ended.starts_at + datetime.timedelta(minutes=30))
        upcoming, _ = sessions["upcoming"]
        LivestreamReminder.objects.update_or_create(
            livestream=upcoming,
            user=buyer,
            defaults={"sent_at": None, "send_count": 0, "attempts": 0, "canceled_at": None},
        )
        LivestreamReminder.objects.get_or_create(
            livestream=ended,
            user=buyer,
            defaults={"sent_at": ended.starts_at - datetime.timedelta(minutes=15), "send_count": 1},
        )
    progress(f"  livestreams: 1 live ({len(live_offers)} offers), 1 upcoming, 1 ended")
