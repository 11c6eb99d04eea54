"""Sellers setting stock quantities (Saleor's productVariantStocksCreate/Update).

Checkout allocates stock concurrently (`quantity_allocated`), so a quantity is set with
a conditional UPDATE that keeps `quantity >= quantity_allocated`: the seller cannot
drop below what customers already hold, and no allocation is lost to a stale read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from catalog.listed import refresh_listed
from catalog.models import ProductVariant, Stock, Warehouse
from catalog.product_editing import ItemError
from catalog.signals import products_changed
from core.errors import FieldError, ValidationErrors


@dataclass(frozen=True)
class StockLine:
    index: int
    warehouse_pk: int
    quantity: int


def check_stock_lines(variant: ProductVariant, lines: list[StockLine]) -> dict[int, Warehouse]:
    """Quantities are not negative, warehouses are the seller's own, each at most once."""
    errors: list[FieldError] = []
    seen: set[int] = set()
    warehouses = Warehouse.objects.in_bulk([line.warehouse_pk for line in lines])
    for line in lines:
        warehouse = warehouses.get(line.warehouse_pk)
        if line.warehouse_pk in seen:
            errors.append(
                ItemError(
                    "warehouse",
                    _("Duplicated warehouse."),
                    "DUPLICATED_INPUT_ITEM",
                    index=line.index,
                )
            )
        elif warehouse is None:
            errors.append(
                ItemError("warehouse", _("Warehouse not found."), "NOT_FOUND", index=line.index)
            )
        elif warehouse.seller_id != variant.product.seller_id:
            errors.append(
                ItemError(
                    "warehouse",
                    _("The warehouse belongs to another seller."),
                    "PERMISSION_DENIED",
                    index=line.index,
                )
            )
        if line.quantity < 0:
            errors.append(
                ItemError(
                    "quantity", _("Quantity cannot be negative."), "INVALID", index=line.index
                )
            )
        seen.add(line.warehouse_pk)
    if errors:
        raise ValidationErrors(errors)
    # The conditional UPDATE fires no signal; the in-stock flag in search may have flipped.
    products_changed.send(sender=Stock, product_ids=[variant.product_id])
    return warehouses


def do_create_stocks(variant: ProductVariant, lines: list[StockLine]) -> list[Stock]:
    """New stock rows only; a warehouse that already stocks the variant is an error.

    Locks: none of its own (new rows); runs inside `catalog.units.do_with_product` (a new
    variant: the product row FOR UPDATE) or `catalog.units.do_with_variant` (the variant
    row FOR UPDATE).
    """
    check_stock_lines(variant, lines)
    existing = set(
        Stock.objects.filter(
            variant=variant, warehouse_id__in=[line.warehouse_pk for line in lines]
        ).values_list("warehouse_id", flat=True)
    )
    errors: list[FieldError] = [
        ItemError(
            "warehouse",
            "Stock for this warehouse already exists for this product variant.",
            "UNIQUE",
            index=line.index,
        )
        for line in lines
        if line.warehouse_pk in existing
    ]
    if errors:
        raise ValidationErrors(errors)
    created = Stock.objects.bulk_create(
        Stock(variant=variant, warehouse_id=line.warehouse_pk, quantity=line.quantity)
        for line in lines
    )
    refresh_listed([variant.product_id])  # "in stock" may have flipped
    return created


def do_update_stocks(variant: ProductVariant, lines: list[StockLine]) -> None:
    """Create or set quantities; never below what is allocated to customers.

    Locks: none of its own; runs inside `catalog.units.do_with_variant`, which holds the
    variant row FOR UPDATE (`lock_variant`); each quantity is set by a conditional UPDATE that
    re-checks the allocation (locking that stock row), so no stock row is locked first.
    """
    check_stock_lines(variant, lines)
    errors: list[FieldError] = []
    for line in lines:
        stock, created = Stock.objects.get_or_create(
            variant=variant, warehouse_id=line.warehouse_pk, defaults={"quantity": line.quantity}
        )
        if created:
            continue
        changed = Stock.objects.filter(pk=stock.pk, quantity_allocated__lte=line.quantity).update(
            quantity=line.quantity
        )
        if not changed:
            errors.append(
                ItemError(
                    "quantity",
                    _("The quantity is below what is allocated to orders."),
                    "INVALID",
                    index=line.index,
                )
            )
    if errors:
        raise ValidationErrors(errors)
    refresh_listed([variant.product_id])  # "in stock" may have flipped
