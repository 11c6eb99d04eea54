from __future__ import annotations

from django.db import models

from catalog.visibility import StockQuerySet, WarehouseQuerySet


class Warehouse(models.Model):
    """Where a seller keeps stock; every seller has at least one."""

    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.CASCADE, related_name="warehouses"
    )
    name = models.CharField(max_length=250)
    province = models.ForeignKey("places.Province", on_delete=models.PROTECT, related_name="+")

    objects = WarehouseQuerySet.as_manager()

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE, related_name="stocks")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="stocks"
    )
    quantity = models.IntegerField(default=0)
    quantity_allocated = models.IntegerField(default=0)

    objects = StockQuerySet.as_manager()

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("warehouse", "variant"), name="stock_unique"),
            # The database itself refuses an oversell, whatever the code path.
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0), name="stock_quantity_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity_allocated__gte=0)
                & models.Q(quantity_allocated__lte=models.F("quantity")),
                name="stock_allocation_within_quantity",
            ),
        ]

    @property
    def available(self) -> int:
        return max(self.quantity - self.quantity_allocated, 0)
