"""Adding, changing and removing checkout lines.

Only products passing the listing rule (catalog/listing.py) with a price in the checkout's
channel can be added, and never more than is in stock right now (checked without locks;
completion re-checks everything under locks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from catalog.listing import listable_products
from catalog.models import ProductVariant, ProductVariantChannelListing
from checkout.errors import CheckoutFieldError, FieldError, ValidationErrors
from checkout.fetch import available_quantities
from checkout.models import Checkout, CheckoutLine

# Saleor's default limit of units per line.
MAX_LINE_QUANTITY = 50


@dataclass(frozen=True)
class LineChange:
    variant_pk: int
    quantity: int


def check_quantities(changes: Sequence[LineChange], *, allow_zero: bool) -> None:
    errors: list[CheckoutFieldError] = []
    for change in changes:
        if change.quantity < 0 or (change.quantity == 0 and not allow_zero):
            errors.append(
                CheckoutFieldError(
                    "quantity",
                    _("The quantity should be higher than zero."),
                    "ZERO_QUANTITY",
                    variant_pks=(change.variant_pk,),
                )
            )
        elif change.quantity > MAX_LINE_QUANTITY:
            errors.append(
                CheckoutFieldError(
                    "quantity",
                    _("Cannot add more than %(limit)s units of one item."),
                    "QUANTITY_GREATER_THAN_LIMIT",
                    variant_pks=(change.variant_pk,),
                    params={"limit": MAX_LINE_QUANTITY},
                )
            )
    if errors:
        raise ValidationErrors(list(errors))


def check_variants_sellable(checkout: Checkout, variant_pks: Sequence[int]) -> None:
    """Each variant exists, passes the listing rule and has a price in the channel."""
    ids = set(variant_pks)
    variants = {v.pk: v for v in ProductVariant.objects.filter(pk__in=ids)}
    missing = sorted(ids - set(variants))
    if missing:
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    "variant_id", _("Variant not found."), "NOT_FOUND", variant_pks=tuple(missing)
                )
            ]
        )
    product_ids = {v.product_id for v in variants.values()}
    listable = set(
        listable_products(checkout.channel).filter(pk__in=product_ids).values_list("pk", flat=True)
    )
    priced = set(
        ProductVariantChannelListing.objects.filter(
            variant_id__in=ids, channel_id=checkout.channel_id
        ).values_list("variant_id", flat=True)
    )
    errors: list[FieldError] = []
    unlisted = tuple(sorted(pk for pk, v in variants.items() if v.product_id not in listable))
    if unlisted:
        errors.append(
            CheckoutFieldError(
                "lines",
                _("Cannot add lines for unavailable for purchase variants."),
                "PRODUCT_NOT_PUBLISHED",
                variant_pks=unlisted,
            )
        )
    unpriced = tuple(sorted(pk for pk in ids if pk not in priced and pk not in unlisted))
    if unpriced:
        errors.append(
            CheckoutFieldError(
                "lines",
                _("Cannot add lines with unavailable variants in this channel."),
                "UNAVAILABLE_VARIANT_IN_CHANNEL",
                variant_pks=unpriced,
            )
        )
    if errors:
        raise ValidationErrors(errors)


def check_stock(wanted: dict[int, int]) -> None:
    """`wanted` is the total quantity per variant the cart would hold."""
    tracked = set(
        ProductVariant.objects.filter(pk__in=wanted, track_inventory=True).values_list(
            "pk", flat=True
        )
    )
    available = available_quantities(tracked)
    short = tuple(sorted(pk for pk in tracked if wanted[pk] > available[pk]))
    if short:
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    "quantity",
                    _("Could not add items. Only the available quantity is in stock."),
                    "INSUFFICIENT_STOCK",
                    variant_pks=short,
                )
            ]
        )


def do_add_lines(checkout: Checkout, changes: Sequence[LineChange]) -> None:
    """Add quantities to the cart (merging with lines of the same variant).

    Locks: none of its own; expects the checkout row held FOR NO KEY UPDATE, by
    `checkout.units.do_with_checkout` (`lock_checkout`), or a new checkout row inside
    `checkout.actions.do_create_checkout`.
    """
    check_quantities(changes, allow_zero=False)
    check_variants_sellable(checkout, [c.variant_pk for c in changes])
    current = {line.variant_id: line for line in checkout.lines.all()}
    wanted: dict[int, int] = {}
    for change in changes:
        base = wanted.get(change.variant_pk)
        if base is None:
            base = current[change.variant_pk].quantity if change.variant_pk in current else 0
        wanted[change.variant_pk] = base + change.quantity
    check_quantities([LineChange(pk, q) for pk, q in wanted.items()], allow_zero=False)
    check_stock(wanted)
    # The buyer adds at today's price: that is the price the cart compares against later.
    _write(checkout, current, wanted, record_price=True)


def do_set_lines(checkout: Checkout, changes: Sequence[LineChange]) -> None:
    """Set quantities (0 removes the line).

    Locks: none of its own; runs inside `checkout.units.do_with_checkout`, which holds the
    checkout row FOR NO KEY UPDATE (`lock_checkout`).
    """
    check_quantities(changes, allow_zero=True)
    keep = [c for c in changes if c.quantity > 0]
    if keep:
        check_variants_sellable(checkout, [c.variant_pk for c in keep])
    current = {line.variant_id: line for line in checkout.lines.all()}
    wanted = {c.variant_pk: c.quantity for c in changes}
    check_stock({pk: q for pk, q in wanted.items() if q > 0})
    _write(checkout, current, wanted)


def do_delete_lines(checkout: Checkout, line_pks: Sequence[str]) -> None:
    """Delete the checkout's lines `line_pks` (all must exist).

    Locks: none of its own; runs inside `checkout.units.do_with_checkout`, which holds the
    checkout row FOR NO KEY UPDATE (`lock_checkout`).
    """
    found = set(
        str(pk)
        for pk in CheckoutLine.objects.filter(checkout=checkout, pk__in=line_pks).values_list(
            "pk", flat=True
        )
    )
    missing = tuple(pk for pk in line_pks if str(pk) not in found)
    if missing:
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    "line_id", _("Provided line not found."), "NOT_FOUND", line_pks=missing
                )
            ]
        )
    CheckoutLine.objects.filter(checkout=checkout, pk__in=line_pks).delete()
    checkout.save(update_fields=["updated_at"])


def _write(
    checkout: Checkout,
    current: dict[int, CheckoutLine],
    wanted: dict[int, int],
    *,
    record_price: bool = False,
) -> None:
    """Write the wanted quantities. A new line (and, with `record_price`, every line written)
    records the variant's regular price as the price the buyer saw (`price_seen_amount`)."""
    fresh = [pk for pk, q in wanted.items() if q and (record_price or pk not in current)]
    prices = dict(
        ProductVariantChannelListing.objects.filter(
            variant_id__in=fresh, channel_id=checkout.channel_id
        ).values_list("variant_id", "price_amount")
        if fresh
        else ()
    )
    for variant_pk, quantity in wanted.items():
        line = current.get(variant_pk)
        if quantity == 0:
            if line:
                line.delete()
        elif line:
            line.quantity = quantity
            fields = ["quantity"]
            if record_price:
                line.price_seen_amount = prices.get(variant_pk)
                fields.append("price_seen_amount")
            line.save(update_fields=fields)
        else:
            CheckoutLine.objects.create(
                checkout=checkout,
                variant_id=variant_pk,
                quantity=quantity,
                price_seen_amount=prices.get(variant_pk),
            )
    checkout.save(update_fields=["updated_at"])
