"""Publishing products in channels and pricing variants (Saleor's channel listing mutations).

Publishing is the seller's choice; whether a published product is actually shown is
still the listing rule's (`catalog.listing`: approved seller, verified 3★+ certificate).
Prices are whole đồng for VND: more than 0, at most 10^12 ₫, no fraction of a đồng.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy

from catalog.listed import refresh_listed
from catalog.models import (
    Channel,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from catalog.product_editing import ItemError
from core.errors import FieldError, ValidationErrors
from core.input_limits import amount_error


@dataclass
class ChannelUpdate:
    index: int
    channel: Channel
    is_published: bool | None = None
    published_at: datetime.datetime | None = None
    visible_in_listings: bool | None = None
    is_available_for_purchase: bool | None = None
    available_for_purchase_at: datetime.datetime | None = None
    add_variants: list[int] = field(default_factory=list)
    remove_variants: list[int] = field(default_factory=list)


def check_channel_updates(
    product: Product, updates: list[ChannelUpdate], remove: list[Channel]
) -> None:
    errors: list[FieldError] = []
    seen: set[int] = set()
    removed = {c.pk for c in remove}
    own_variants = set(product.variants.values_list("pk", flat=True))
    priced = set(
        ProductVariantChannelListing.objects.filter(variant__product=product).values_list(
            "variant_id", "channel_id"
        )
    )
    for update in updates:
        channel_pk = update.channel.pk
        if channel_pk in seen or channel_pk in removed:
            errors.append(
                ItemError(
                    "update_channels" if channel_pk in seen else "remove_channels",
                    gettext_lazy("The same channel appears twice."),
                    "DUPLICATED_INPUT_ITEM",
                    channel_id=channel_pk,
                )
            )
        seen.add(channel_pk)
        for variant_pk in [*update.add_variants, *update.remove_variants]:
            if variant_pk not in own_variants:
                errors.append(
                    ItemError(
                        "add_variants" if variant_pk in update.add_variants else "remove_variants",
                        gettext_lazy("Not this product's variant."),
                        "NOT_PRODUCTS_VARIANT",
                        channel_id=channel_pk,
                        variant_id=variant_pk,
                    )
                )
        for variant_pk in update.add_variants:
            if variant_pk in own_variants and (variant_pk, channel_pk) not in priced:
                # A listing needs a price, which only productVariantChannelListingUpdate sets.
                errors.append(
                    ItemError(
                        "add_variants",
                        gettext_lazy("Set the price with productVariantChannelListingUpdate."),
                        "INVALID",
                        channel_id=channel_pk,
                        variant_id=variant_pk,
                    )
                )
    if errors:
        raise ValidationErrors(errors)


def do_update_product_channels(
    product: Product, updates: list[ChannelUpdate], remove: list[Channel]
) -> None:
    """Add, change or remove the product's channel listings.

    Locks: none of its own; runs inside `catalog.units.do_with_product`, which holds the
    product row FOR UPDATE (`lock_product`).
    """
    check_channel_updates(product, updates, remove)
    now = timezone.now()
    for update in updates:
        listing, _ = ProductChannelListing.objects.get_or_create(
            product=product, channel=update.channel
        )
        if update.is_published is not None:
            listing.is_published = update.is_published
            if update.is_published and listing.published_at is None:
                listing.published_at = update.published_at or now
        if update.published_at is not None:
            listing.published_at = update.published_at
        if update.visible_in_listings is not None:
            listing.visible_in_listings = update.visible_in_listings
        if update.is_available_for_purchase is not None:
            listing.available_for_purchase_at = (
                (update.available_for_purchase_at or now)
                if update.is_available_for_purchase
                else None
            )
        elif update.available_for_purchase_at is not None:
            listing.available_for_purchase_at = update.available_for_purchase_at
        listing.save()
        if update.remove_variants:
            ProductVariantChannelListing.objects.filter(
                variant_id__in=update.remove_variants, channel=update.channel
            ).delete()
    for channel in remove:
        ProductVariantChannelListing.objects.filter(
            variant__product=product, channel=channel
        ).delete()
        ProductChannelListing.objects.filter(product=product, channel=channel).delete()
    # Publication (and its date) and channel membership decide listing.
    refresh_listed([product.pk])


@dataclass
class VariantPrice:
    index: int
    channel: Channel
    price: Decimal
    cost_price: Decimal | None = None


def check_amount(
    field_name: str, amount: Decimal, channel: Channel, index: int, *, allow_zero: bool = False
) -> int:
    """A price in whole units of the channel's currency: more than 0 (a cost may be 0),
    at most `core.input_limits.MAX_AMOUNT`, no fraction of a đồng."""
    error = amount_error(field_name, amount, currency=channel.currency_code, allow_zero=allow_zero)
    if error is not None:
        raise ValidationErrors(
            [ItemError(field_name, error.message, error.code, index=index, channel_id=channel.pk)]
        )
    return int(amount)


def do_update_variant_prices(variant: ProductVariant, prices: list[VariantPrice]) -> None:
    """Set the variant's price in channels where its product is listed.

    Locks: none of its own; runs inside `catalog.units.do_with_variant`, which holds the
    variant row FOR UPDATE (`lock_variant`).
    """
    errors: list[FieldError] = []
    seen: set[int] = set()
    listed = set(
        ProductChannelListing.objects.filter(product_id=variant.product_id).values_list(
            "channel_id", flat=True
        )
    )
    cleaned: list[tuple[VariantPrice, int, int | None]] = []
    for item in prices:
        if item.channel.pk in seen:
            errors.append(
                ItemError(
                    "channel_id",
                    gettext_lazy("The same channel appears twice."),
                    "DUPLICATED_INPUT_ITEM",
                    index=item.index,
                    channel_id=item.channel.pk,
                )
            )
            continue
        seen.add(item.channel.pk)
        if item.channel.pk not in listed:
            errors.append(
                ItemError(
                    "channel_id",
                    gettext_lazy("Product not available in channels."),
                    "PRODUCT_NOT_ASSIGNED_TO_CHANNEL",
                    index=item.index,
                    channel_id=item.channel.pk,
                )
            )
        try:
            price = check_amount("price", item.price, item.channel, item.index)
            cost = (
                check_amount(
                    "cost_price", item.cost_price, item.channel, item.index, allow_zero=True
                )
                if item.cost_price is not None
                else None
            )
        except ValidationErrors as error:
            errors += error.errors
            continue
        cleaned.append((item, price, cost))
    if errors:
        raise ValidationErrors(errors)
    for item, price, cost in cleaned:
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant,
            channel=item.channel,
            defaults={
                "price_amount": price,
                "cost_price_amount": cost,
                "currency": item.channel.currency_code,
            },
        )
    # A first price lists the product; any price moves its minimum.
    refresh_listed([variant.product_id])
