from __future__ import annotations

from typing import Any

from django.db import models

from accounts.roles import Scope, scope_of
from catalog.models.channels import Channel
from catalog.models.products import visible_products
from sellers.visibility import member_q, private_q


class WarehouseQuerySet(models.QuerySet["Warehouse"]):
    def visible_to(self, user: Any, scope: Scope | None = None) -> WarehouseQuerySet:
        """`Seller.warehouses`: the seller's members and officers in scope."""
        scope = scope if scope is not None else scope_of(user)
        return self.filter(private_q(scope, "seller__"))


class StockQuerySet(models.QuerySet["Stock"]):
    def visible_to(
        self, user: Any, scope: Scope | None = None, *, channel: Channel
    ) -> StockQuerySet:
        """`ProductVariant.stocks`: a visible variant's stock, to its seller's members."""
        scope = scope if scope is not None else scope_of(user)
        return self.filter(
            member_q(scope, "variant__product__seller__"),
            variant__product__in=visible_products(user, channel),
        )


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
