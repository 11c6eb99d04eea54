"""What changed in a cart since its lines were added (checkout/review.py): the price the
buyer saw is recorded when adding, lines no longer for sale are removed when settling, a
changed price is told once, and a stock shortage is reported without writing."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from catalog.models import OcopCertificate, ProductVariantChannelListing, Stock
from checkout.fetch import fetch_checkout_info
from checkout.lines import LineChange, do_add_lines, do_set_lines
from checkout.review import do_settle_review, review_lines
from tests import factories


def test_it_records_the_price_seen_when_a_line_is_added_or_added_to(db: Any) -> None:
    # given a cart of 1 unit at 120.000 ₫
    variant = factories.product(price=120_000).variants.get()
    checkout = factories.checkout([(variant, 1)], deliver=False)
    line = checkout.lines.get()
    assert line.price_seen_amount == 120_000
    # when the price becomes 130.000 ₫ and the quantity is set to 2 in the cart
    ProductVariantChannelListing.objects.filter(variant=variant).update(price_amount=130_000)
    do_set_lines(checkout, [LineChange(variant.pk, 2)])
    # then the seen price stays (the buyer did not add at the new price)
    line.refresh_from_db()
    assert (line.quantity, line.price_seen_amount) == (2, 120_000)
    # when one more is added (from the product page, at the price shown there)
    do_add_lines(checkout, [LineChange(variant.pk, 1)])
    # then the seen price is the new one
    line.refresh_from_db()
    assert (line.quantity, line.price_seen_amount) == (3, 130_000)


def test_it_removes_lines_no_longer_for_sale_and_tells_a_price_change_once(db: Any) -> None:
    # given a cart of three products, at their prices
    lapsing, repriced, steady = (factories.product(price=100_000) for _ in range(3))
    checkout = factories.checkout(
        [(p.variants.get(), 1) for p in (lapsing, repriced, steady)], deliver=False
    )
    # when one's certificate lapses and another's price drops
    OcopCertificate.objects.filter(product=lapsing).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    ProductVariantChannelListing.objects.filter(variant__product=repriced).update(
        price_amount=90_000
    )
    review = review_lines(fetch_checkout_info(checkout))
    # then the review names both, and writes nothing by itself
    assert [r.product.pk for r in review.removed] == [lapsing.pk]
    assert [(c.variant_pk, c.old_price, c.new_price) for c in review.price_changes] == [
        (repriced.variants.get().pk, 100_000, 90_000)
    ]
    assert review.needs_settling and checkout.lines.count() == 3
    # when it is settled
    settled = do_settle_review(checkout)
    # then the lapsed line is gone, the new price recorded as seen, and a second review is calm
    assert [r.product.pk for r in settled.removed] == [lapsing.pk]
    assert sorted(checkout.lines.values_list("variant__product_id", "price_seen_amount")) == sorted(
        [(repriced.pk, 90_000), (steady.pk, 100_000)]
    )
    again = review_lines(fetch_checkout_info(checkout))
    assert (again.removed, again.price_changes, again.needs_settling) == ([], [], False)


def test_it_reports_a_stock_shortage_without_writing(db: Any) -> None:
    # given a cart of 4 units, 5 on the shelf
    variant = factories.product(stock=5).variants.get()
    checkout = factories.checkout([(variant, 4)], deliver=False)
    # when only 2 are left
    Stock.objects.filter(variant=variant).update(quantity=2)
    review = review_lines(fetch_checkout_info(checkout))
    # then the line is reported short with the free units, and needs no settling
    assert review.short == {str(checkout.lines.get().pk): 2}
    assert not review.needs_settling
    assert do_settle_review(checkout).short == review.short
    assert checkout.lines.get().quantity == 4
