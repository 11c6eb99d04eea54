"""Live offers: who may create them, the live-price rule (below the regular price and the
30-day low, from the price history), and which price checkout charges when."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from catalog.models import CertificateStatus, OcopCertificate, ProductVariantChannelListing
from livestream.errors import FieldError, ValidationErrors
from livestream.models import LiveOffer, VariantPriceHistory
from livestream.offers import do_create_offer, do_delete_offer, do_update_offer
from livestream.pins import do_pin_offer
from livestream.price_history import lowest_recent_price
from livestream.pricing import live_offer_for, price_for
from tests import factories


def setup(**product: Any) -> tuple[Any, Any, Any, Any]:
    """A scheduled session of a host with an agreeing seller (and its owner) and a product."""
    owner = factories.user()
    seller = factories.seller(owner=owner)
    item = factories.product(owner=seller, **{"price": 120_000, "stock": 50, **product})
    session = factories.livestream(sellers=(seller,))
    return session, owner, item, item.variants.order_by("pk").first()


def create(actor: Any, session: Any, variant: Any, **terms: Any) -> LiveOffer:
    return do_create_offer(
        actor,
        session.pk,
        variant_id=variant.pk,
        channel=factories.channel(),
        **{"live_price": 99_000, "quantity_cap": 20, "per_buyer_limit": 2, **terms},
    )


def refused(call: Any) -> FieldError:
    with pytest.raises(ValidationErrors) as failure:
        call()
    (error,) = failure.value.errors
    return error


def set_price(variant: Any, price: int) -> None:
    listing = ProductVariantChannelListing.objects.get(variant=variant)
    listing.price_amount = price
    listing.save()


def test_it_records_each_regular_price_change(db: Any) -> None:
    # given a variant listed at 120.000 ₫
    _, _, _, variant = setup()
    # when its price changes twice and is saved once more unchanged
    set_price(variant, 150_000)
    set_price(variant, 130_000)
    set_price(variant, 130_000)
    # then the history holds each distinct price once, in order
    assert list(
        VariantPriceHistory.objects.filter(variant=variant).values_list("price_amount", flat=True)
    ) == [120_000, 150_000, 130_000]


def test_it_finds_the_lowest_price_of_the_last_30_days(db: Any) -> None:
    # given a price of 100.000 ₫ 40 days ago, 90.000 ₫ from 35 days ago, then 150.000 ₫
    _, _, _, variant = setup()
    VariantPriceHistory.objects.filter(variant=variant).delete()
    now = timezone.now()
    for days, price in ((40, 100_000), (35, 90_000), (10, 150_000)):
        VariantPriceHistory.objects.create(
            variant=variant,
            channel=factories.channel(),
            price_amount=price,
            recorded_at=now - datetime.timedelta(days=days),
        )
    ProductVariantChannelListing.objects.filter(variant=variant).update(price_amount=150_000)
    # then 90.000 ₫ was still in force when the 30-day window opened: it is the low
    assert lowest_recent_price(variant.pk, factories.channel().pk, now) == 90_000
    # and 31 days later only 150.000 ₫ is left in the window
    later = now + datetime.timedelta(days=31)
    assert lowest_recent_price(variant.pk, factories.channel().pk, later) == 150_000


def test_it_lets_the_host_and_the_sellers_members_create_offers(db: Any) -> None:
    # given a session selling a seller's product with two variants
    session, owner, item, _ = setup(variants=2)
    first, second = item.variants.order_by("pk")
    # when the host offers one and the seller's owner the other
    by_host = create(session.host, session, first)
    by_owner = create(owner, session, second)
    # then both are offers of that seller
    assert (by_host.seller_id, by_owner.seller_id) == (item.seller_id, item.seller_id)
    assert (by_host.created_by, by_owner.created_by) == (session.host, owner)


def test_it_refuses_offers_from_others(db: Any) -> None:
    session, _, _, variant = setup()
    for stranger in (factories.user(), factories.host(), factories.officer("11")):
        assert refused(lambda s=stranger: create(s, session, variant)).code == "PERMISSION_DENIED"
    assert LiveOffer.objects.count() == 0


def test_it_needs_the_sellers_agreement(db: Any) -> None:
    # given a session where the product's seller was invited but did not agree
    session, _, _, variant = setup()
    session.participants.update(agreed_at=None, agreed_by=None)
    error = refused(lambda: create(session.host, session, variant))
    assert (error.field, error.code) == ("variant", "SELLER_NOT_AGREED")


def test_it_offers_only_listable_products(db: Any) -> None:
    # given a product whose certificate was revoked
    session, _, item, variant = setup()
    OcopCertificate.objects.filter(product=item).update(status=CertificateStatus.REVOKED)
    error = refused(lambda: create(session.host, session, variant))
    assert error.code == "PRODUCT_NOT_LISTABLE"


@pytest.mark.parametrize(
    ("terms", "field", "code"),
    [
        ({"live_price": 120_000}, "live_price", "PRICE_NOT_BELOW_REGULAR"),
        ({"live_price": 130_000}, "live_price", "PRICE_NOT_BELOW_REGULAR"),
        ({"live_price": 0}, "live_price", "INVALID"),
        ({"quantity_cap": 51}, "quantity_cap", "QUANTITY_EXCEEDS_STOCK"),
        ({"quantity_cap": 0}, "quantity_cap", "INVALID_QUANTITY"),
        ({"per_buyer_limit": 21}, "per_buyer_limit", "PER_BUYER_LIMIT_EXCEEDS_CAP"),
    ],
)
def test_it_refuses_bad_terms(db: Any, terms: dict[str, int], field: str, code: str) -> None:
    session, _, _, variant = setup()
    error = refused(lambda: create(session.host, session, variant, **terms))
    assert (error.field, error.code) == (field, code)
    assert LiveOffer.objects.count() == 0


def test_it_refuses_a_flash_deal_after_a_price_hike(db: Any) -> None:
    # given a variant sold at 100.000 ₫ for weeks, raised to 150.000 ₫ yesterday
    session, _, _, variant = setup(price=100_000)
    VariantPriceHistory.objects.filter(variant=variant).update(
        recorded_at=timezone.now() - datetime.timedelta(days=20)
    )
    set_price(variant, 150_000)
    # when a live price of 110.000 ₫ ("-27%") is offered
    error = refused(lambda: create(session.host, session, variant, live_price=110_000))
    # then it is refused: it does not undercut the 30-day low of 100.000 ₫
    assert (error.field, error.code) == ("live_price", "PRICE_NOT_BELOW_RECENT_LOW")
    assert "100.000 ₫" in error.message
    assert create(session.host, session, variant, live_price=95_000).live_price == 95_000


def test_it_refuses_the_same_variant_twice(db: Any) -> None:
    session, _, _, variant = setup()
    create(session.host, session, variant)
    assert refused(lambda: create(session.host, session, variant)).code == "DUPLICATE_OFFER"


def test_it_never_lowers_a_cap_below_what_was_claimed(db: Any) -> None:
    session, _, _, variant = setup()
    offer = create(session.host, session, variant)
    LiveOffer.objects.filter(pk=offer.pk).update(units_claimed=5)
    error = refused(lambda: do_update_offer(session.host, offer.pk, {"quantity_cap": 4}))
    assert error.code == "CAP_BELOW_CLAIMED"
    assert do_update_offer(session.host, offer.pk, {"quantity_cap": 5}).quantity_cap == 5
    assert refused(lambda: do_delete_offer(session.host, offer.pk)).code == "OFFER_HAS_SALES"


def test_it_pins_one_offer_at_a_time(db: Any) -> None:
    # given a session with two offers
    session, _, item, _ = setup(variants=2)
    first, second = (create(session.host, session, v) for v in item.variants.order_by("pk"))
    # when the host pins one, then the other
    do_pin_offer(session.host, session.pk, first.pk)
    do_pin_offer(session.host, session.pk, second.pk)
    # then only the last one is pinned; unpinning leaves none
    assert list(LiveOffer.objects.filter(is_pinned=True)) == [second]
    do_pin_offer(session.host, session.pk, None)
    assert LiveOffer.objects.filter(is_pinned=True).count() == 0
    # and an offer of another session cannot be pinned here
    other_session, _, _, other_variant = setup()
    foreign = create(other_session.host, other_session, other_variant)
    error = refused(lambda: do_pin_offer(session.host, session.pk, foreign.pk))
    assert error.code == "OFFER_NOT_IN_LIVESTREAM"


def test_it_charges_the_live_price_only_inside_the_live_window(db: Any) -> None:
    # given an offer at 99.000 ₫ (regular 120.000 ₫) in a session planned +2h..+3h
    session, _, _, variant = setup()
    create(session.host, session, variant)
    channel = factories.channel()
    # then before it is live the regular price applies
    assert price_for(variant.pk, channel) == 120_000
    assert live_offer_for(variant.pk, channel) is None
    # while live, the live price applies
    session.status = "live"
    session.save(update_fields=["status"])
    during = session.starts_at + datetime.timedelta(minutes=5)
    assert price_for(variant.pk, channel, during) == 99_000
    assert live_offer_for(variant.pk, channel, during).regular_price == 120_000  # type: ignore[union-attr]
    # and from its end time on, even before the session is marked ended, the regular one
    assert price_for(variant.pk, channel, session.ends_at) == 120_000


def test_it_charges_the_regular_price_once_sold_out_or_undercut(db: Any) -> None:
    # given a live offer at 99.000 ₫
    session, _, _, variant = setup()
    offer = create(session.host, session, variant, quantity_cap=2, per_buyer_limit=1)
    during = session.starts_at + datetime.timedelta(minutes=5)
    session.status = "live"
    session.save(update_fields=["status"])
    # when it sells out, the regular price applies again
    LiveOffer.objects.filter(pk=offer.pk).update(units_claimed=2)
    assert price_for(variant.pk, factories.channel(), during) == 120_000
    # and when the regular price drops below the live price, the lower one applies
    LiveOffer.objects.filter(pk=offer.pk).update(units_claimed=0)
    set_price(variant, 90_000)
    assert price_for(variant.pk, factories.channel(), during) == 90_000


def test_it_offers_a_variant_without_tracked_stock(db: Any) -> None:
    session, _, _, variant = setup(stock=0)
    assert refused(lambda: create(session.host, session, variant)).code == "QUANTITY_EXCEEDS_STOCK"
    variant.track_inventory = False
    variant.save(update_fields=["track_inventory"])
    assert create(session.host, session, variant, quantity_cap=500).quantity_cap == 500
