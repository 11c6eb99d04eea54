"""The seller centre's quick edit of one variant's price and stock, from the product list."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from catalog.channel_listings import (
    ChannelUpdate,
    VariantPrice,
    do_update_product_channels,
    do_update_variant_prices,
)
from catalog.models import Channel, ProductVariant, Warehouse
from catalog.stock_levels import StockLine, do_update_stocks
from catalog.units import do_with_variant
from core.errors import FieldError, ValidationErrors, fail
from core.input_limits import amount_error
from sellers.models import Seller

MAX_QUANTITY = 1_000_000


def whole_number(value: str) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def stall_warehouse(seller: Seller) -> Warehouse:
    """The stall's first warehouse, where the editor and the quick edit keep stock."""
    warehouse = seller.warehouses.order_by("pk").first()
    if warehouse is None:
        fail("variant-0-quantity", _("Your stall has no warehouse."), "INVALID")
    return warehouse


def check_quick_edit(price: str, quantity: str, channel: Channel) -> tuple[int, int]:
    """The list's quick edit: a price in whole đồng above 0 and a stock from 0."""
    errors: list[FieldError] = []
    amount = whole_number(price.replace(".", "").replace(",", ""))
    if amount is None:
        errors.append(FieldError("price", _("Enter a price in đồng."), "INVALID"))
    elif error := amount_error("price", amount, currency=channel.currency_code, allow_zero=False):
        errors.append(error)
    count = whole_number(quantity)
    if count is None or not 0 <= count <= MAX_QUANTITY:
        errors.append(
            FieldError(
                "quantity",
                _("Enter a whole number of items from 0 to %(max)s."),
                "INVALID",
                {"max": MAX_QUANTITY},
            )
        )
    if errors:
        raise ValidationErrors(errors)
    assert amount is not None and count is not None
    return amount, count


def do_quick_edit(
    seller: Seller, variant_pk: int, price: int, quantity: int, channel: Channel
) -> ProductVariant:
    """Set one variant's price in `channel` and its stock in the stall's first warehouse,
    the way productVariantChannelListingUpdate and productVariantStocksUpdate do.

    Locks: the variant row FOR UPDATE (`catalog.units.do_with_variant` → `lock_variant`),
    held to the end; the stock quantity is set by `catalog.stock_levels`' conditional UPDATE.
    """

    def authorize(variant: ProductVariant | None) -> ProductVariant:
        if variant is None or variant.product.seller_id != seller.pk:
            fail("id", _("No such product."), "NOT_FOUND")
        return variant

    def act(variant: ProductVariant) -> ProductVariant:
        if not variant.product.channel_listings.filter(channel=channel).exists():
            do_update_product_channels(variant.product, [ChannelUpdate(0, channel)], [])
        do_update_variant_prices(variant, [VariantPrice(0, channel, Decimal(price))])
        do_update_stocks(variant, [StockLine(0, stall_warehouse(seller).pk, quantity)])
        return variant

    return do_with_variant(variant_pk, authorize, act)
