"""What changed in a cart since its lines were added, for the buyer to be told.

- A line whose product is no longer for sale here (the listing rule of `catalog.listing`
  says no — a lapsed or revoked certificate, unpublished — or the variant lost its price in
  the channel: the two conditions `checkout.validation.check_ready` refuses) is removed.
- A regular price that differs from the one the buyer saw when adding the line
  (`CheckoutLine.price_seen_amount`) is reported once: settling records the new price as seen.
- A line wanting more than the free stock is reported while it does (nothing is written: the
  buyer chooses what to do, and completion re-checks stock under locks anyway).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import BigIntegerField, Case, Value, When

from catalog.models import Product, ProductVariant
from checkout.fetch import CheckoutInfo, LineInfo, available_quantities, fetch_checkout_info
from checkout.models import Checkout, CheckoutLine


@dataclass(frozen=True)
class PriceChange:
    line_pk: UUID
    variant_pk: int
    old_price: int
    new_price: int


@dataclass(frozen=True)
class RemovedLine:
    variant: ProductVariant
    product: Product
    quantity: int


@dataclass
class CartReview:
    removed: list[RemovedLine] = field(default_factory=list)
    price_changes: list[PriceChange] = field(default_factory=list)
    # The free units of each line (by str(line pk)) that wants more than that.
    short: dict[str, int] = field(default_factory=dict)

    @property
    def needs_settling(self) -> bool:
        """Lines to remove or prices to record as seen (stock shortages write nothing)."""
        return bool(self.removed or self.price_changes)


def is_for_sale(line: LineInfo) -> bool:
    """The line can still be bought: its product is listable and the variant priced."""
    return line.listable and line.regular_price is not None


def review_lines(info: CheckoutInfo) -> CartReview:
    """The cart's changes since its lines were added, in one query (the free stock)."""
    kept = [line for line in info.lines if is_for_sale(line)]
    removed = [
        RemovedLine(variant=line.variant, product=line.product, quantity=line.quantity)
        for line in info.lines
        if not is_for_sale(line)
    ]
    changes = [
        PriceChange(
            line_pk=line.line.pk,
            variant_pk=line.variant.pk,
            old_price=int(line.line.price_seen_amount),
            new_price=int(line.regular_price),
        )
        for line in kept
        if line.line.price_seen_amount is not None
        and line.regular_price is not None
        and line.line.price_seen_amount != line.regular_price
    ]
    tracked = [line for line in kept if line.variant.track_inventory]
    free = available_quantities(line.variant.pk for line in tracked)
    short = {
        str(line.line.pk): free[line.variant.pk]
        for line in tracked
        if line.quantity > free[line.variant.pk]
    }
    return CartReview(removed=removed, price_changes=changes, short=short)


def do_settle_review(checkout: Checkout) -> CartReview:
    """Review the cart afresh, remove the lines no longer for sale and record the changed
    prices as seen; returns the review, for the buyer to be told what changed.

    Locks: none of its own; runs inside `checkout.units.do_with_checkout`, which holds the
    checkout row FOR NO KEY UPDATE (`lock_checkout`).
    """
    review = review_lines(fetch_checkout_info(checkout))
    if not review.needs_settling:
        return review
    if review.removed:
        CheckoutLine.objects.filter(
            checkout=checkout, variant_id__in=[r.variant.pk for r in review.removed]
        ).delete()
    if review.price_changes:
        CheckoutLine.objects.filter(
            checkout=checkout, pk__in=[c.line_pk for c in review.price_changes]
        ).update(
            price_seen_amount=Case(
                *(When(pk=c.line_pk, then=Value(c.new_price)) for c in review.price_changes),
                output_field=BigIntegerField(),
            )
        )
    checkout.save(update_fields=["updated_at"])
    return review
